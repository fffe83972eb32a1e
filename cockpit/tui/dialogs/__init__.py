"""Modal dialogs and forms: confirmations, prompts, the observation choice, the edit and new-send
forms, a choice from a list, the batch picker and the key reference. Every piece of message data in
them is safe ``Content``."""

from cockpit.tui.dialogs.batches import BatchPicker
from cockpit.tui.dialogs.choose import ChoiceDialog
from cockpit.tui.dialogs.confirm import ConfirmDialog
from cockpit.tui.dialogs.edit import EditDialog, EditRequest
from cockpit.tui.dialogs.observe import OBSERVATIONS, ObserveDialog
from cockpit.tui.dialogs.prompt import TextPrompt

__all__ = [
    "OBSERVATIONS",
    "BatchPicker",
    "ChoiceDialog",
    "ConfirmDialog",
    "EditDialog",
    "EditRequest",
    "ObserveDialog",
    "TextPrompt",
]
