packs lint tests/cli/fixtures/clash-pack.xml
