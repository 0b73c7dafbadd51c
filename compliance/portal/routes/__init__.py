"""The portal's routes, one module per audience; `ROUTES` lists them all."""
