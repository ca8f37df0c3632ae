"""What a sync did, for the command's lines and ``--json`` and for the window."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, slots=True)
class Offer:
    """Another device's place in the episode that is playing here: never moved under the listener,
    offered instead ("continue at 41:20 from the phone")."""

    episode_id: int
    position_ms: int
    device: str  # the other device's id ("" when the server did not say)
    at: int  # when it was there (UTC epoch seconds)


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What went up and what came down in one sync."""

    subscriptions_sent: tuple[str, ...] = ()  # addresses added or removed on the server
    actions_sent: int = 0  # episode actions the server acknowledged
    subscribed: tuple[str, ...] = ()  # feeds subscribed because another device did
    unsubscribed: tuple[str, ...] = ()  # feeds unsubscribed because another device did
    positions: int = 0  # episodes whose place came from another device
    played: int = 0  # episodes marked played from another device
    unplayed: int = 0  # episodes marked new (unplayed) from another device
    offers: tuple[Offer, ...] = ()
    received: int = 0  # actions that were new to us
    older: int = 0  # actions older than what this library knows of the episode (not applied)
    unmatched: int = 0  # actions of episodes not in the library (kept: matched when they arrive)
    errors: tuple[str, ...] = field(default=())  # feeds that could not be subscribed (one line each)
    full: bool = False

    def merged(self, **more: object) -> SyncReport:
        """The report with more of what happened (tuples joined, counts added)."""
        values = asdict(self)
        for key, value in more.items():
            if isinstance(value, tuple):
                values[key] = tuple(values[key]) + value
            elif isinstance(value, bool):
                values[key] = value
            else:
                values[key] = values[key] + value
        values["offers"] = tuple(o if isinstance(o, Offer) else Offer(**o) for o in values["offers"])
        return SyncReport(**values)

    def to_json(self) -> dict[str, object]:
        """The ``--json`` form."""
        data = asdict(self)
        data["subscriptions_sent"] = list(self.subscriptions_sent)
        data["subscribed"] = list(self.subscribed)
        data["unsubscribed"] = list(self.unsubscribed)
        data["errors"] = list(self.errors)
        data["offers"] = [asdict(o) for o in self.offers]
        return data

    def lines(self) -> list[str]:
        """What a person reads after ``companion sync``."""
        subs = len(self.subscriptions_sent)
        up = f"Sent {subs} subscription change(s) and {self.actions_sent} episode action(s)."
        down = (
            f"Received {self.received} new action(s): {self.positions} position(s), {self.played} played, "
            f"{self.unplayed} marked new; {len(self.subscribed)} subscribed, {len(self.unsubscribed)} "
            "unsubscribed."
        )
        out = [up, down]
        if self.older:
            out.append(f"{self.older} older action(s) left alone: this library has newer changes.")
        if self.unmatched:
            out.append(f"{self.unmatched} action(s) for episodes not in this library yet (kept for later).")
        out += [f"Subscribed from another device: {url}" for url in self.subscribed]
        out += [f"Unsubscribed on another device: {url}" for url in self.unsubscribed]
        out += [f"Could not subscribe: {line}" for line in self.errors]
        return out
