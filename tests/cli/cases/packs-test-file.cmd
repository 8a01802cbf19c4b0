packs test tests/cli/fixtures/mini-pack.xml
