// placeholder until the proof-of-work widget lands
