# Runs ../shared/peers/torch_vrae.py unchanged, with its timer (time.perf_counter) replaced by the process's CPU time
# (time.process_time), so its "sequences/s" line is CPU-time throughput over the timed epochs: the figure to set
# beside VraeTrainingTiming's CPU times on a shared machine. Same arguments as the peer:
#   OPENBLAS_NUM_THREADS=1 python3 torch_vrae_cpu.py PEER.py THREADS HIDDEN BATCH EPOCHS [LATENT]
import runpy, sys, time
peer = sys.argv[1]
sys.argv = [peer] + sys.argv[2:]
time.perf_counter = time.process_time
runpy.run_path(peer, run_name='__main__')
