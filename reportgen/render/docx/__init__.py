"""The Word renderer: document walker, shared parts, template and the raw-XML layer."""
