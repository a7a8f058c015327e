"""Measure sources: what each domain says was delivered, week by week, for entitlements."""
