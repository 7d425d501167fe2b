# Writes tiny MNIST-format idx files for IdxReaderTest: a raw training pair (3 images of 2 x 3)
# and a gzipped test pair (2 images). Run once: /usr/bin/python3 make_idx.py
import gzip, struct
def images(path, imgs, opener=open):
    with opener(path, 'wb') as f:
        f.write(struct.pack('>IIII', 0x0803, len(imgs), 2, 3))
        for im in imgs: f.write(bytes(im))
def labels(path, ys, opener=open):
    with opener(path, 'wb') as f:
        f.write(struct.pack('>II', 0x0801, len(ys)))
        f.write(bytes(ys))
images('train-images-idx3-ubyte', [[0, 255, 51, 102, 0, 0], [255] * 6, [1, 2, 3, 4, 5, 6]])
labels('train-labels-idx1-ubyte', [7, 0, 9])
images('t10k-images-idx3-ubyte.gz', [[0] * 6, [255, 0, 255, 0, 255, 0]], gzip.open)
labels('t10k-labels-idx1-ubyte.gz', [3, 1], gzip.open)
