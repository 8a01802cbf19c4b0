tests/cli/fixtures/binary.bin
