packs patterns --no-default-packs --pack tests/cli/fixtures/mini-pack.xml
