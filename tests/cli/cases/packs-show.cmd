packs show clause-penalty
