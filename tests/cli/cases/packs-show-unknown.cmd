packs show no-such-rule
