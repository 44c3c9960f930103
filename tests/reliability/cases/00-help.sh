# --help prints usage and exits 0 for the launcher itself (the per-command cases follow in other files)
expect_rc "./myoflow --help exits 0 with the usage" 0 "Usage" "$M" --help
