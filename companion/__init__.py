"""Podcast Companion: a desktop companion for long-form podcast listening."""
