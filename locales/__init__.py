"""Fluent message files, one folder per language (read by core.i18n); a package so the wheel carries them."""
