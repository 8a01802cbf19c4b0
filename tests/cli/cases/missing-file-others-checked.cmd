no-such-file.txt samples/sound-outsourcing-agreement.txt
