samples/sound-outsourcing-agreement.txt
