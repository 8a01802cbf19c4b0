packs test tests/cli/fixtures/mini-pack.xml tests/cli/fixtures/bad-pack.xml
