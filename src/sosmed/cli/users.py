"""Commands: users add / list / password / disable — the people who sign in to the web
workspace (`sosmed web`) and their roles."""

from __future__ import annotations

import sys

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, print_json, say
from sosmed.cli.tables import Column, Grid, Kind, show
from sosmed.errors import InputError
from sosmed.i18n import _

users_app = typer.Typer(
    help=_(
        "Orang yang masuk ke ruang kerja web dan perannya: staf (tambah, susun, sunting, "
        "jadwalkan), penyetuju (juga menyetujui), admin (juga akun dan orang)."
    ),
    no_args_is_help=True,
)


def _password(from_stdin: bool) -> str:
    """The new password: one line of stdin, or typed twice at a hidden prompt."""
    if from_stdin or not sys.stdin.isatty():
        value = sys.stdin.readline().rstrip("\r\n")
        if not value:
            raise InputError(_("tidak ada kata sandi di stdin"))
        return value
    first = typer.prompt(_("Kata sandi"), hide_input=True)
    second = typer.prompt(_("Ulangi kata sandi"), hide_input=True)
    if first != second:
        raise InputError(_("kedua kata sandi tidak sama; tidak ada yang diubah"))
    return str(first)


def _people(ctx: typer.Context):  # type: ignore[no-untyped-def]
    from sosmed.office.people import People

    app: AppContext = ctx.obj
    return People(app.office)


def _by(ctx: typer.Context, by: str | None) -> str:
    """Who makes the change, as the people's history will name them."""
    from sosmed.office.posts import person

    app: AppContext = ctx.obj
    return person(app.office, by, named=False)


def _by_option() -> str | None:
    return typer.Option(
        None,
        "--by",
        help=_("Siapa yang mengubah, dicatat di riwayat (bawaan: nama pengguna Anda)."),
    )


@users_app.command("add", help=_("Tambah orang dengan perannya; kata sandi ditanya dua kali."))
def users_add(
    ctx: typer.Context,
    who: str = typer.Argument(..., help=_("Nama orang itu, seperti tampil di riwayat.")),
    role: str = typer.Option(..., "--role", help=_("staf, penyetuju atau admin.")),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help=_("Baca kata sandi dari satu baris stdin (untuk skrip).")
    ),
    by: str | None = _by_option(),
) -> None:
    from sosmed.office.people import check_name, check_role

    check_name(who)
    check_role(role)  # refused before the password is asked
    actor = _by(ctx, by)
    person = _people(ctx).add(who, role, _password(password_stdin), actor)
    say(_("{name} ditambahkan sebagai {role}").format(name=person.name, role=_(person.role)))


@users_app.command("list", help=_("Semua orang, perannya, dan siapa yang dinonaktifkan."))
def users_list(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help=_("Cetak JSON."))
) -> None:
    from sosmed.timefmt import short_form

    app: AppContext = ctx.obj
    people = _people(ctx).list()
    if as_json:
        keys = ("name", "role", "created_at", "disabled")
        print_json([{k: getattr(p, k) for k in keys} for p in people])
        return
    if not people:
        say(_("belum ada orang; tambahkan dengan: sosmed users add NAMA --role staf"))
        return
    columns = [Column(_("nama"), min_width=12), Column(_("peran")), Column(_("sejak"))]
    grid = Grid([*columns, Column(_("keadaan"))])
    for p in people:
        since = short_form(p.created_at, app.settings.tz) if p.created_at else "—"
        state = _("nonaktif") if p.disabled else _("aktif")
        grid.add_row(p.name, _(p.role), since, state)
    show(grid, console)


@users_app.command("password", help=_("Ganti kata sandi seseorang; sesinya yang lama berakhir."))
def users_password(
    ctx: typer.Context,
    who: str = typer.Argument(..., help=_("Nama orang itu.")),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help=_("Baca kata sandi dari satu baris stdin (untuk skrip).")
    ),
    by: str | None = _by_option(),
) -> None:
    people = _people(ctx)
    actor = _by(ctx, by)
    if people.named(who) is None:
        from sosmed.errors import NotFound

        raise NotFound(_("tidak ada orang bernama {name}").format(name=who))
    person = people.change_password(who, _password(password_stdin), actor)
    say(_("kata sandi {name} diganti").format(name=person.name))


@users_app.command(
    "disable", help=_("Nonaktifkan seseorang: tidak bisa masuk lagi; riwayat tetap menyebutnya.")
)
def users_disable(
    ctx: typer.Context,
    who: str = typer.Argument(..., help=_("Nama orang itu.")),
    by: str | None = _by_option(),
) -> None:
    person = _people(ctx).disable(who, _by(ctx, by))
    say(_("{name} dinonaktifkan").format(name=person.name))


@users_app.command(
    "enable", help=_("Aktifkan lagi orang yang dinonaktifkan (dengan kata sandinya yang lama).")
)
def users_enable(
    ctx: typer.Context,
    who: str = typer.Argument(..., help=_("Nama orang itu.")),
    by: str | None = _by_option(),
) -> None:
    person = _people(ctx).enable(who, _by(ctx, by))
    say(_("{name} diaktifkan lagi").format(name=person.name))


@users_app.command("role", help=_("Ubah peran seseorang (staf, penyetuju atau admin)."))
def users_role(
    ctx: typer.Context,
    who: str = typer.Argument(..., help=_("Nama orang itu.")),
    role: str = typer.Argument(..., help=_("staf, penyetuju atau admin.")),
    by: str | None = _by_option(),
) -> None:
    person = _people(ctx).set_role(who, role, _by(ctx, by))
    say(_("peran {name} sekarang {role}").format(name=person.name, role=_(person.role)))


@users_app.command(
    "history", help=_("Siapa menambah, mengubah peran, mengganti sandi atau menonaktifkan siapa.")
)
def users_history(
    ctx: typer.Context,
    limit: int = typer.Option(50, "--limit", min=1, max=10_000, help=_("Paling banyak berapa.")),
    as_json: bool = typer.Option(False, "--json", help=_("Cetak JSON.")),
) -> None:
    from sosmed.timefmt import short_form

    app: AppContext = ctx.obj
    rows = _people(ctx).history(limit)
    if as_json:
        print_json([{"at": at, "by": who, "what": what} for at, who, what in rows])
        return
    if not rows:
        say(_("belum ada perubahan orang yang tercatat"))
        return
    grid = Grid(
        [Column(_("waktu"), Kind.TIME), Column(_("oleh"), min_width=8), Column(_("apa"), Kind.TEXT)]
    )
    for at, who, what in rows:
        grid.add_row(short_form(at, app.settings.tz) if at else "—", who, what)
    show(grid, console)


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
