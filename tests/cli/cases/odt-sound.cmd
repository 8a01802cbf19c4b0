tests/cli/fixtures/sound.odt
