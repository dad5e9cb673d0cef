# Helpers for the xport run scenarios: an aarch64 sysroot imported from Debian's cross packages
# into the scenario's store, named like the target so xport cc and xport run find it unasked.
arm64_target=aarch64-unknown-linux-gnu

import_arm64_sysroot() {
  command -v qemu-aarch64 >/dev/null || skip "qemu-aarch64 is not installed (apt-get install qemu-user)"
  fetch_debs "$WORK/debs" libc6-arm64-cross libc6-dev-arm64-cross linux-libc-dev-arm64-cross \
    libgcc-12-dev-arm64-cross libgcc-s1-arm64-cross libstdc++-12-dev-arm64-cross \
    libstdc++6-arm64-cross
  step "$XPORT" sysroot import "$WORK"/debs/*.deb --target "$arm64_target" >/dev/null
}

# ending CMD...: prints how CMD ended as its caller sees it: "exit N" or "signal N".
ending() {
  python3 -c 'import subprocess, sys
r = subprocess.run(sys.argv[1:]).returncode
print(f"signal {-r}" if r < 0 else f"exit {r}")' "$@"
}
