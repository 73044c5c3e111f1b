import os


class Ranker:
    def __init__(self, path, batch_size=32):
        self.path = path
        self.batch_size = batch_size
        self.weights = None

    def load(self):
        with open(os.path.join(self.path, "weights.txt")) as f:
            self.weights = [float(line) for line in f]

    def rank(self, items):
        return sorted(items, key=lambda item: -len(str(item)))
