"""kladoc: evidence-dossier assembler for the KLA (Kabupaten/Kota Layak Anak) evaluation."""

__version__ = "0.1.0"
