"""Waivers and corrective action plans: the file format and the stage that applies them."""
