"""Translation catalogs, one module per area of the product (see pioc_metrics.text.i18n)."""
