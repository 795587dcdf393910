"""Steps of document cleaning, one module per concern; `transforms.clean` runs them in order."""
