"""signify(1) files made with openssl's Ed25519, for the fetch scenarios: a key pair and the
embedded signature (`signify -S -e`) of a checksum list, as OpenBSD publishes SHA256.sig.
Formats: usr.bin/signify/signify.c (pubkey: "Ed" + keynum[8] + key[32]; sig: "Ed" + keynum[8] +
sig[64]; each file "untrusted comment: ...\\n<base64>\\n", the embedded message after).

usage: signify_files.py key KEY.pem KEY.pub KEYNUM_HEX
       signify_files.py sign KEY.pem KEYNUM_HEX MESSAGE SIGNED_OUT
"""
import base64
import subprocess
import sys
import tempfile


def openssl(*args, data=None):
    return subprocess.run(["openssl", *args], input=data, check=True, capture_output=True).stdout


def main():
    if sys.argv[1] == "key":
        pem, pub, keynum = sys.argv[2:5]
        openssl("genpkey", "-algorithm", "ed25519", "-out", pem)
        raw = openssl("pkey", "-in", pem, "-pubout", "-outform", "DER")[-32:]
        record = b"Ed" + bytes.fromhex(keynum) + raw
        with open(pub, "w") as f:
            f.write("untrusted comment: xport test public key\n")
            f.write(base64.b64encode(record).decode() + "\n")
    elif sys.argv[1] == "sign":
        pem, keynum, message, out = sys.argv[2:6]
        with tempfile.NamedTemporaryFile() as sig:
            openssl("pkeyutl", "-sign", "-inkey", pem, "-rawin", "-in", message, "-out", sig.name)
            signature = open(sig.name, "rb").read()
        record = b"Ed" + bytes.fromhex(keynum) + signature
        with open(message, "rb") as f:
            body = f.read()
        with open(out, "wb") as f:
            f.write(b"untrusted comment: verify with xport-test.pub\n")
            f.write(base64.b64encode(record) + b"\n")
            f.write(body)
    else:
        sys.exit(__doc__)


main()
