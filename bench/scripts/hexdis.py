#!/usr/bin/env python3
# Disassemble HotSpot's raw [MachCode] hex dump (printed when hsdis cannot load) with objdump.
# usage: python3 hexdis.py FILE.asm 'method substring' [nth]   (nth C2 compile of it, default last)
import re, subprocess, sys, tempfile
txt = open(sys.argv[1]).read().split('\n')
key = sys.argv[2]; nth = int(sys.argv[3]) if len(sys.argv) > 3 else -1
starts = [i for i, l in enumerate(txt) if l.startswith('Compiled method (c2)') and key in l]
i = starts[nth]
end = next((j for j in range(i + 1, len(txt)) if txt[j].startswith('Compiled method')), len(txt))
code = bytearray(); base = None; marks = {}
for l in txt[i:end]:
    m = re.match(r'\s+0x([0-9a-f]+): ((?:[0-9a-f]{2,8}\s?\|?\s?)+)$', l)
    if m and not l.strip().startswith(';'):
        addr = int(m.group(1), 16)
        if base is None: base = addr
        hexs = re.sub(r'[\s|]', '', m.group(2))
        code[addr - base:addr - base + len(hexs)//2] = bytes.fromhex(hexs)
    elif l.strip().startswith(';') or ('0x' in l and ';' in l):
        mm = re.match(r'\s+0x([0-9a-f]+): ;(.*)', l)
        if mm: marks.setdefault(int(mm.group(1), 16), []).append(mm.group(2).strip())
        elif l.strip().startswith(';') and marks:
            last = max(marks); marks[last].append(l.strip()[1:].strip())
with tempfile.NamedTemporaryFile(suffix='.bin', delete=False) as f:
    f.write(code); name = f.name
out = subprocess.run(['objdump', '-D', '-b', 'binary', '-m', 'i386:x86-64', '-M', 'intel',
                      f'--adjust-vma={hex(base)}', name], capture_output=True, text=True).stdout
for l in out.split('\n'):
    m = re.match(r'\s*([0-9a-f]+):', l)
    if m and int(m.group(1), 16) in marks:
        for c in marks[int(m.group(1), 16)]: print('        ;', c)
    print(l)
