"""EncryptedTextField: every piece of free text a user writes is stored with this.

The column holds the versioned ciphertext from heartwork.core.crypto. On the
model instance the attribute reads and writes plain ``str``: the value is
decrypted on first access and encrypted again in ``pre_save``, where the row and
owner ids needed for the associated data are known.

The owner is named by a foreign key (``owner="user"``) whose target has a
``data_key``. Values cannot be searched in the database; search happens in
memory, on the owner's own rows.
"""

from __future__ import annotations

import base64
import uuid
from typing import TYPE_CHECKING, Any

from django.core import checks
from django.db import models
from django.db.models.query_utils import DeferredAttribute

from heartwork.core import crypto
from heartwork.core.keys import KeyOwner, unwrapped


class EncryptedAttribute(DeferredAttribute):
    """Turns the stored ciphertext into text the first time it is read.

    A data descriptor (it has ``__set__``), so reads always pass through here
    even though the value lives in the instance ``__dict__``.
    """

    field: EncryptedTextField

    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.field.attname] = value

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, bytes | memoryview):
            value = self.field.decrypt(instance, bytes(value))
            instance.__dict__[self.field.attname] = value
        return value


if TYPE_CHECKING:
    _BinaryField = models.BinaryField[Any, Any]
else:
    _BinaryField = models.BinaryField


class EncryptedTextField(_BinaryField):
    descriptor_class = EncryptedAttribute

    def __init__(self, *args: Any, owner: str, **kwargs: Any) -> None:
        self.owner = owner
        # Never shown in the admin or generic forms: they would display plaintext.
        kwargs["editable"] = False
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["owner"] = self.owner
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        model = self.model
        if not isinstance(model._meta.pk, models.UUIDField):
            errors.append(
                checks.Error(
                    "models with encrypted fields need a UUID primary key",
                    obj=self,
                    id="heartwork.E010",
                )
            )
        try:
            owner_field = model._meta.get_field(self.owner)
        except Exception:  # FieldDoesNotExist, kept broad so the check itself never crashes
            owner_field = None
        if not isinstance(owner_field, models.ForeignKey | models.OneToOneField):
            errors.append(
                checks.Error(
                    f"owner={self.owner!r} must name a foreign key on {model.__name__}",
                    obj=self,
                    id="heartwork.E011",
                )
            )
        return errors

    # -- encryption ---------------------------------------------------------------

    def _context(self, instance: Any) -> tuple[KeyOwner, bytes]:
        owner: KeyOwner = getattr(instance, self.owner)
        aad = crypto.associated_data(
            model=instance._meta.label_lower,
            field=self.name,
            row_id=str(instance.pk),
            owner_id=str(owner.pk),
        )
        return owner, aad

    def encrypt(self, instance: Any, plaintext: str) -> bytes:
        owner, aad = self._context(instance)
        data_key = owner.data_key
        keys = unwrapped(data_key)
        return crypto.encrypt(
            keys[data_key.version], plaintext, aad=aad, key_version=data_key.version
        )

    def decrypt(self, instance: Any, blob: bytes) -> str:
        owner, aad = self._context(instance)
        return crypto.decrypt(unwrapped(owner.data_key), blob, aad=aad)

    # -- Django field protocol ----------------------------------------------------

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        value = model_instance.__dict__.get(self.attname)
        if value is None or isinstance(value, bytes | memoryview):
            # Never read (still ciphertext) or NULL: store exactly what we loaded.
            return None if value is None else bytes(value)
        if not isinstance(value, str):
            raise TypeError(f"{self.name} takes text, not {type(value).__name__}")
        if not isinstance(model_instance.pk, uuid.UUID):
            raise TypeError("encrypted rows need their UUID before saving")
        return self.encrypt(model_instance, value)

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, str):
            # A lookup such as filter(body="...") would compare plaintext with
            # ciphertext and silently match nothing; fail loudly instead.
            raise TypeError(f"{self.name} is encrypted and cannot be used in a query")
        return super().get_prep_value(value)

    def value_to_string(self, obj: Any) -> str:
        # Serialisation (dumpdata) carries ciphertext only.
        return base64.b64encode(self.pre_save(obj, add=False) or b"").decode("ascii")
