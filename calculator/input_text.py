"""Reading the command line's input, a file or `-` (standard input), as text: what could not be read is
one plain sentence, the same whichever way the text came. Used by every command that reads a file."""
import os
import sys

BYTE_ORDER_MARK = "utf-8-sig"  # UTF-8 with or without the mark some editors write first, as browsers read it


def read_text(path, keep_mark=False):
    """(text, None), or (None, a sentence saying why the input could not be read). keep_mark: the text keeps a
    leading byte-order mark (the roster writes its output with one when its input had one)."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except FileNotFoundError:
        return None, f"there is no file {_name(path)}"
    except IsADirectoryError:
        return None, f"{_name(path)} is a folder, not a file"
    except PermissionError:
        return None, f"{_name(path)} cannot be read: this account is not allowed to open it"
    except OSError as error:
        return None, f"{_name(path)} cannot be read ({error.strerror or 'the system gave no reason'})"
    try:
        return data.decode("utf-8" if keep_mark else BYTE_ORDER_MARK), None
    except UnicodeDecodeError as error:
        return None, (f"the text is not UTF-8: byte {error.start + 1} (0x{data[error.start]:02X}) cannot be read; "
                      f"save the file as UTF-8 and try again")


def _name(path):
    """The path in quotes as the person typed it; a byte that is not UTF-8 is shown as U+FFFD."""
    return '"' + os.fsencode(path).decode("utf-8", "replace") + '"'
