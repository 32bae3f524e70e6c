"""The Qt interface: the main window, its panels, and workers that keep it responsive."""
