packs show controls-promptly --no-config --pack tests/cli/fixtures/controls-pack.xml
