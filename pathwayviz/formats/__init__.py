"""Readers and writers of other formats (Netflux, SBML, SBML-qual, SBGN-ML, COMBINE); no Qt."""
