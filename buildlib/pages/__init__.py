"""Pages: content read and rendered through the templates, checked, indexed for search; assets published."""
