#!/usr/bin/env python3
"""Writes fuzz/corpus/elf/: small valid ELF files and archives (built by clang from a tiny C file
with a thread-local, a table and a constructor, for x86_64, i386, AArch64, ARMv7, RISC-V and
big-endian 32-bit PowerPC) and malformed variants of them: truncated headers, section and
program header tables past the end, section offsets past the end, overlapping tables, huge
counts, bad string indexes, bad note sizes, broken archive headers and name tables.

usage: make_elf_corpus.py SEED_DIR OUT_DIR   (SEED_DIR holds the clang outputs)"""
import os
import struct
import sys

seed_dir, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def header_fields(b):
    is64 = b[4] == 2
    e = "<" if b[5] == 1 else ">"
    if is64:
        shoff, = struct.unpack_from(e + "Q", b, 0x28)
        phoff, = struct.unpack_from(e + "Q", b, 0x20)
        shentsize, shnum, shstrndx = struct.unpack_from(e + "HHH", b, 0x3a)
    else:
        shoff, = struct.unpack_from(e + "I", b, 0x20)
        phoff, = struct.unpack_from(e + "I", b, 0x1c)
        shentsize, shnum, shstrndx = struct.unpack_from(e + "HHH", b, 0x2e)
    return is64, e, shoff, phoff, shentsize, shnum, shstrndx


def mutate(stem, b, per_section):
    b = bytes(b)
    is64, e, shoff, phoff, shentsize, shnum, shstrndx = header_fields(b)
    write(stem + ".valid", b)
    for n in (4, 16, 40, 63):
        write(f"{stem}.truncated-header-{n}", b[:n])
    write(stem + ".truncated-half", b[: len(b) // 2])
    m = bytearray(b)
    struct.pack_into(e + ("Q" if is64 else "I"), m, 0x28 if is64 else 0x20, len(b) + 64)
    write(stem + ".shoff-past-end", m)
    m = bytearray(b)
    struct.pack_into(e + "H", m, 0x3c if is64 else 0x30, 0xffff)
    write(stem + ".huge-shnum", m)
    m = bytearray(b)
    struct.pack_into(e + "H", m, 0x3e if is64 else 0x32, shnum + 7)
    write(stem + ".bad-shstrndx", m)
    m = bytearray(b)
    struct.pack_into(e + "H", m, 0x3a if is64 else 0x2e, 4)
    write(stem + ".tiny-shentsize", m)
    m = bytearray(b)  # the section table over the ELF header
    struct.pack_into(e + ("Q" if is64 else "I"), m, 0x28 if is64 else 0x20, 0)
    write(stem + ".shoff-zero", m)
    m = bytearray(b)
    struct.pack_into(e + ("Q" if is64 else "I"), m, 0x28 if is64 else 0x20, 8)
    write(stem + ".overlapping-tables", m)
    m = bytearray(b)
    struct.pack_into(e + ("Q" if is64 else "I"), m, 0x20 if is64 else 0x1c, len(b) - 8)
    struct.pack_into(e + "H", m, 0x38 if is64 else 0x2c, 40)
    write(stem + ".phdrs-past-end", m)
    # Per section: offset past the end, huge size, bad name index, link out of range.
    for i in range(1, shnum if per_section else 0):
        at = shoff + i * shentsize
        if at + shentsize > len(b):
            break
        name_field, typ = struct.unpack_from(e + "II", b, at)
        off_at, size_at = (at + 24, at + 32) if is64 else (at + 16, at + 20)
        link_at = at + 40 if is64 else at + 24
        fmt = "Q" if is64 else "I"
        if typ in (2, 3, 4, 7, 9, 11):  # symtab strtab rela note rel dynsym
            m = bytearray(b)
            struct.pack_into(e + fmt, m, off_at, len(b) + 100)
            write(f"{stem}.sec{i}-offset-past-end", m)
            m = bytearray(b)
            struct.pack_into(e + fmt, m, size_at, (1 << (63 if is64 else 31)) - 1)
            write(f"{stem}.sec{i}-huge-size", m)
            m = bytearray(b)
            struct.pack_into(e + "I", m, link_at, 0xfffff)
            write(f"{stem}.sec{i}-bad-link", m)
        m = bytearray(b)
        struct.pack_into(e + "I", m, at, 0x7ffffff0)
        write(f"{stem}.sec{i}-bad-name", m)
    m = bytearray(b)
    m[4] = 9
    write(stem + ".bad-class", m)
    m = bytearray(b)
    m[5] = 0
    write(stem + ".bad-data", m)


seeds = sorted(os.listdir(seed_dir))
for s in seeds:
    data = open(os.path.join(seed_dir, s), "rb").read()
    if data[:4] == b"\x7fELF":
        # Section-level mutations for one seed per class and byte order keep the corpus small.
        mutate(s.replace(".", "_"), data, s in ("t64.o", "libt.so", "tbe32.o", "t32.o"))


def ar_member(name, data):
    hdr = f"{name:<16}{0:<12}{0:<6}{0:<6}{644:<8}{len(data):<10}`\n".encode()
    return hdr + data + (b"\n" if len(data) % 2 else b"")


objs = [open(os.path.join(seed_dir, s), "rb").read() for s in seeds if s.endswith(".o")][:2]
long_name = b"a_rather_long_member_name_for_the_gnu_table.o/\n"
valid = b"!<arch>\n" + ar_member("//", long_name) + ar_member("/0", objs[0]) + ar_member("t2.o/", objs[1])
write("archive.valid.a", valid)
write("archive.truncated.a", valid[: len(valid) - 100])
write("archive.bad-fmag.a", valid.replace(b"`\n", b"`x", 1))
write("archive.bad-size.a", b"!<arch>\n" + ar_member("x.o/", b"abc")[:48] + b"99999999  `\nabc")
write("archive.nondecimal-size.a", b"!<arch>\n" + ar_member("x.o/", b"abc")[:48] + b"12ab      `\nabc")
write("archive.bad-longname.a", b"!<arch>\n" + ar_member("//", long_name) + ar_member("/9999", objs[0]))
write("archive.bsd-name.a", b"!<arch>\n" + ar_member("#1/8", b"bsd_o.o\0" + objs[0]))
write("archive.bsd-name-too-long.a", b"!<arch>\n" + ar_member("#1/99999", b"x" * 10))
write("archive.not-elf-member.a", b"!<arch>\n" + ar_member("readme/", b"hello, world\n"))
write("archive.thin.a", b"!<thin>\n")
write("archive.magic-only.a", b"!<arch>\n")
write("empty", b"")
write("not-elf", b"#!/bin/sh\necho hello\n")
