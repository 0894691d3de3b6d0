"""Imports every command module so that each registers its commands on the app."""

import redline.cli.forecast  # noqa: F401
import redline.cli.negotiate  # noqa: F401
import redline.cli.news  # noqa: F401
import redline.cli.present  # noqa: F401
import redline.cli.whatif  # noqa: F401
from redline.cli import analysis  # noqa: F401
