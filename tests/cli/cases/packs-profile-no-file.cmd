packs profile
