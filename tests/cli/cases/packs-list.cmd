packs list
