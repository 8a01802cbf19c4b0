packs test --max-check-seconds none tests/cli/fixtures/mini-pack.xml
