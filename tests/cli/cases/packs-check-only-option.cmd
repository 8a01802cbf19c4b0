packs list --jobs 4
