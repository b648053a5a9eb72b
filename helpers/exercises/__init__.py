"""Exercise checks, one module per notebook: ``check_*(your_function)`` prints one line."""

from ._core import *
from .ch00 import *
from .ch01 import *
from .ch02 import *
from .ch03 import *
from .ch04 import *
from .ch05 import *
from .ch06 import *
from .ch07 import *
