"""Serving the built site: the local server, the emulated link, the headers a host sends."""
