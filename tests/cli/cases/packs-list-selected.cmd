packs list --pack hidden-costs
