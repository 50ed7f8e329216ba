"""Indonesian stopwords: the Tala list (via stopwordsiso) plus words every government release uses.

The general list decides what carries no content. The domain list names words that appear in
nearly every regional-government article ("bupati", "kegiatan", "WIB"); left in, they make every
sentence look alike to a centrality ranker and would make dull hashtags.
"""

from __future__ import annotations

from functools import lru_cache

import stopwordsiso

_DOMAIN_GROUPS = (
    # offices and their holders
    "bupati wakil wabup walikota wali kota gubernur wagub camat lurah kades sekda sekretaris",
    "kepala kadis kabag kasi kabid plt pj staf pejabat jajaran",
    # administrative units and bodies
    "kabupaten kab kecamatan kec kelurahan desa provinsi prov pemerintah pemkab pemkot pemprov",
    "pemda daerah setda sekretariat dinas kantor bagian bidang humas diskominfo",
    # what every release reports
    "kegiatan acara hadir dihadiri menghadiri kehadiran rapat masyarakat warga sambutan",
    "sambutannya hadirin peserta turut rangka tersebut yakni yaitu",
    # dates and times
    "wib wita wit pukul tanggal jam senin selasa rabu kamis jumat sabtu minggu ahad",
    "januari februari maret april mei juni juli agustus september oktober november desember",
    # forms of address and speech verbs
    "bapak ibu pak bu saudara ujarnya ucapnya katanya tuturnya jelasnya ungkapnya tambahnya",
    "lanjutnya imbuhnya terangnya pungkasnya sebutnya kata ujar ucap tutur ungkap imbuh pungkas",
    "menurutnya mengatakan menyampaikan menjelaskan",
    # credits and sign-offs
    "rls red editor reporter rep fotografer foto penulis pewarta",
)

DOMAIN_STOPWORDS: frozenset[str] = frozenset(w for group in _DOMAIN_GROUPS for w in group.split())


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Every stopword, lower case: the general Indonesian list and the domain list."""
    return frozenset(stopwordsiso.stopwords("id")) | DOMAIN_STOPWORDS
