packs lint tests/cli/fixtures/bad-pack.xml tests/cli/fixtures/mini-pack.xml
