packs test
