"""Every user-facing sentence, Indonesian first, English second.

Keys are stable; a test asserts both languages exist and take the same placeholders."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- command line -----------------------------------------------------------------
    "cli.help": (
        "kladoc: menyusun dan memeriksa berkas bukti dukung evaluasi Kabupaten/Kota Layak Anak.",
        "kladoc: checks and assembles evidence dossiers for the Child-Friendly Regency/City "
        "(KLA) evaluation.",
    ),
    "cli.opt.version": ("Tampilkan versi lalu keluar.", "Show the version and exit."),
    "cli.init.help": (
        "Buat folder dossier baru: kladoc.toml dan satu folder per OPD beserta PANDUAN.txt.",
        "Create a new dossier folder: kladoc.toml and one folder per OPD with a PANDUAN.txt.",
    ),
    "cli.check.help": (
        "Periksa bukti dukung: petakan setiap berkas ke indikator, periksa isinya, "
        "laporkan kekurangan.",
        "Check the evidence: map every file to an indicator, inspect it, report the gaps.",
    ),
    "cli.rules.help": ("Daftar semua aturan pemeriksaan.", "List every check rule."),
    "cli.checklist.help": (
        "Tampilkan daftar periksa indikator (bawaan atau berkas sendiri).",
        "Show the indicator checklist (built-in or your own file).",
    ),
    "cli.checklist.validate.help": (
        "Periksa berkas daftar periksa (YAML atau XLSX).",
        "Validate a checklist file (YAML or XLSX).",
    ),
    "cli.build.help": (
        "Susun dossier PDF dan Word per klaster dari bukti dukung.",
        "Build one PDF and one Word dossier per cluster from the evidence.",
    ),
    "cli.opt.ocr": (
        "Baca teks hasil pindaian dan foto dokumen dengan OCR (perlu kladoc[ocr]).",
        "Read the text of scans and photos of documents with OCR (needs kladoc[ocr]).",
    ),
    "cli.arg.dossier": ("Folder dossier.", "The dossier folder."),
    "cli.arg.checklist_file": ("Berkas daftar periksa.", "The checklist file."),
    "cli.opt.region": ('Nama daerah, mis. "Kota Contoh".', 'Region name, e.g. "Kota Contoh".'),
    "cli.opt.year": ("Tahun evaluasi.", "Evaluation year."),
    "cli.opt.checklist": (
        "Daftar periksa: id bawaan (kla-2024, kla-2011) atau berkas YAML/XLSX.",
        "Checklist: built-in id (kla-2024, kla-2011) or a YAML/XLSX file.",
    ),
    "cli.opt.questions": (
        "Tampilkan setiap pertanyaan per indikator (otomatis dengan --indicator).",
        "List every question per indicator (automatic with --indicator).",
    ),
    "cli.opt.opd": ("Hanya OPD ini.", "Only this OPD."),
    "cli.opt.cluster": ("Hanya klaster ini.", "Only this cluster."),
    "cli.opt.indicator": ("Hanya indikator ini.", "Only this indicator."),
    "cli.opt.output": ("Tulis hasil ke berkas ini.", "Write the result to this file."),
    "cli.opt.output_dir": ("Folder keluaran.", "Output folder."),
    "cli.opt.jobs": ("Jumlah proses paralel.", "Number of parallel processes."),
    "cli.opt.no_cache": (
        "Jangan pakai cache (hasil pemeriksaan, konversi, gambar): semua dikerjakan ulang.",
        "Use no cache (inspection, conversions, pictures): everything is done anew.",
    ),
    "cli.opt.max_mb": (
        "Batas ukuran per berkas PDF (MB); dossier dipecah menjadi beberapa jilid, berkas "
        "unggah diperkecil lalu dipecah (bawaan upload_max_mb, 10).",
        "Size limit per PDF file (MB); the dossier is split into volumes, upload files are "
        "downsampled, then split (default upload_max_mb, 10).",
    ),
    "cli.opt.draft": (
        "Susun draf untuk tim: dengan kekurangan dan angka kesiapan, tanda DRAF di setiap "
        "halaman. Tanpa opsi ini: versi penyerahan untuk tim evaluasi.",
        "Build the team's draft: with gaps and readiness figures, DRAFT on every page. "
        "Without it: the submission version for the evaluators.",
    ),
    "cli.opt.compact": (
        "Perkecil foto dan hasil pindai (sekitar 150 dpi).",
        "Downsample photos and scans (about 150 dpi).",
    ),
    "cli.opt.format_from_suffix": (
        "Format keluaran: {formats}. Tanpa opsi ini: menurut akhiran berkas --output "
        "(.json .xlsx .html .md; .txt = table), selain itu table.",
        "Output format: {formats}. Without it: from the --output file's suffix "
        "(.json .xlsx .html .md; .txt = table), otherwise table.",
    ),
    "cli.format_suffix_conflict": (
        "--format {format} tidak cocok dengan akhiran berkas {suffix}; samakan keduanya atau "
        "hilangkan --format.",
        "--format {format} does not match the file suffix {suffix}; make them agree or drop "
        "--format.",
    ),
    "cli.suffix_unsupported": (
        "akhiran {suffix} tidak didukung di sini; format yang ada: {allowed}.",
        "the suffix {suffix} is not supported here; available formats: {allowed}.",
    ),
    "cli.opd.help": (
        "Daftar semua OPD beserta nama lain yang dikenali sebagai nama folder.",
        "List every OPD with the other names recognised as its folder name.",
    ),
    "cli.arg.dossier_optional": (
        "Folder dossier (untuk nama lain dari kladoc.toml-nya).",
        "The dossier folder (for the other names in its kladoc.toml).",
    ),
    "cli.opt.no_indicator_folders": (
        "Jangan buat sub-folder per indikator di folder OPD.",
        "Do not create one sub-folder per indicator in the OPD folders.",
    ),
    # Click's own words (kladoc.cli_i18n)
    "cli.opt.help": ("Tampilkan bantuan ini lalu keluar.", "Show this message and exit."),
    "cli.click.usage": ("Penggunaan:", "Usage:"),
    "cli.click.usage_options": ("OPSI", "OPTIONS"),
    "cli.click.usage_command": ("PERINTAH", "COMMAND"),
    "cli.click.usage_args": ("ARGUMEN", "ARGS"),
    "cli.click.arguments": ("Argumen", "Arguments"),
    "cli.click.options": ("Opsi", "Options"),
    "cli.click.commands": ("Perintah", "Commands"),
    "cli.click.required": ("wajib", "required"),
    "cli.click.default": ("bawaan: {value}", "default: {value}"),
    "cli.metavar.text": ("TEKS", "TEXT"),
    "cli.metavar.path": ("PATH", "PATH"),
    "cli.metavar.number": ("ANGKA", "NUMBER"),
    "cli.metavar.folder": ("FOLDER", "FOLDER"),
    "cli.metavar.file": ("BERKAS", "FILE"),
    "cli.metavar.opd": ("OPD", "OPD"),
    "cli.metavar.year": ("TAHUN", "YEAR"),
    "cli.metavar.cluster": ("KLASTER", "CLUSTER"),
    "cli.metavar.indicator": ("KODE", "CODE"),
    "cli.metavar.checklist": ("DAFTAR", "CHECKLIST"),
    "cli.metavar.format": ("FORMAT", "FORMAT"),
    "cli.metavar.lang": ("BAHASA", "LANGUAGE"),
    "cli.metavar.region": ("DAERAH", "REGION"),
    "cli.metavar.kind": ("JENIS", "KIND"),
    "cli.metavar.level": ("TINGKAT", "LEVEL"),
    "cli.metavar.jobs": ("JUMLAH", "N"),
    "cli.metavar.mb": ("MB", "MB"),
    "cli.metavar.converter": ("CARA", "METHOD"),
    "cli.click.try_help": (
        "Coba '{command} {option}' untuk bantuan.",
        "Try '{command} {option}' for help.",
    ),
    "cli.click.no_such_option": ("opsi tidak dikenal: {option}", "no such option: {option}"),
    "cli.click.possible": ("(maksud Anda: {options}?)", "(did you mean: {options}?)"),
    "cli.click.missing_argument": (
        "argumen {name} belum diisi.",
        "missing argument {name}.",
    ),
    "cli.click.missing_option": ("opsi {option} wajib diisi.", "missing option {option}."),
    "cli.click.bad_value": ("nilai tidak sah: {detail}", "invalid value: {detail}"),
    "cli.click.bad_value_for": (
        "nilai tidak sah untuk {option}: {detail}",
        "invalid value for {option}: {detail}",
    ),
    "cli.click.bad_value_expected": (
        "nilai tidak sah untuk {option}: {value!r}; yang diharapkan: {expected}.",
        "invalid value for {option}: {value!r}; expected {expected}.",
    ),
    "cli.click.expect_int": ("bilangan bulat", "a whole number"),
    "cli.click.expect_number": ("bilangan", "a number"),
    "cli.click.expect_bool": ("ya atau tidak (true/false)", "yes or no (true/false)"),
    "cli.click.expect_bound": ("bilangan {sign} {limit}", "a number {sign} {limit}"),
    "cli.click.needs_value": ("opsi {option} memerlukan nilai.", "option {option} needs a value."),
    "cli.click.takes_no_value": (
        "opsi {option} tidak memakai nilai.",
        "option {option} does not take a value.",
    ),
    "cli.click.bad_option_usage": (
        "opsi {option} dipakai dengan salah.",
        "option {option} is used wrongly.",
    ),
    "cli.click.extra_args": (
        "argumen berlebih: {args}. Apit nama folder yang mengandung spasi dengan tanda kutip.",
        "unexpected extra arguments: {args}. Put folder names with spaces in quotes.",
    ),
    "cli.click.no_such_command": (
        "perintah tidak dikenal: {command}",
        "no such command: {command}",
    ),
    "cli.click.missing_command": ("perintah belum diberikan.", "missing command."),
    # system errors (errors.short_error)
    "error.os.denied": (
        "akses ditolak (tidak punya izin, atau berkas sedang dibuka program lain)",
        "access denied (no permission, or the file is open in another program)",
    ),
    "error.os.not_found": ("berkas atau folder tidak ditemukan", "file or folder not found"),
    "error.os.disk_full": ("disk penuh", "the disk is full"),
    "error.os.read_only": ("disk atau folder hanya-baca", "the disk or folder is read-only"),
    "error.os.busy": (
        "sedang dipakai program lain; tutup dulu programnya",
        "in use by another program; close it first",
    ),
    "error.os.exists": ("sudah ada", "already exists"),
    "error.os.name_too_long": ("nama atau path terlalu panjang", "the name or path is too long"),
    "error.os.is_folder": ("ini folder, bukan berkas", "this is a folder, not a file"),
    "error.os.not_folder": ("bagian path bukan folder", "part of the path is not a folder"),
    "error.os.io": (
        "galat baca/tulis disk (disk atau flashdisk bermasalah?)",
        "disk read/write error (a failing disk or USB stick?)",
    ),
    "error.os.too_many_open": ("terlalu banyak berkas terbuka", "too many open files"),
    "error.os.not_empty": ("folder tidak kosong", "the folder is not empty"),
    "error.os.cross_device": (
        "tidak dapat dipindah antar-disk",
        "cannot be moved between disks",
    ),
    "error.detail.other": (
        "struktur berkas rusak atau tidak lazim",
        "damaged or unusual file structure",
    ),
    "error.detail.truncated": ("berkas terpotong (tidak lengkap)", "truncated file (incomplete)"),
    "error.detail.no_pages": ("PDF tanpa halaman", "PDF without pages"),
    "error.detail.password": ("perlu kata sandi untuk dibuka", "needs a password to open"),
    "error.detail.unsupported_encryption": (
        "jenis enkripsi tidak didukung",
        "unsupported kind of encryption",
    ),
    "error.detail.attachments_password": (
        "hanya lampirannya yang perlu kata sandi",
        "only its attachments need a password",
    ),
    "error.detail.zero_bytes": ("berkas kosong (0 bita)", "empty file (0 bytes)"),
    "error.detail.too_large_to_verify": (
        "terlalu besar untuk diperiksa seluruhnya",
        "too large to check in full",
    ),
    "error.detail.repaired": (
        "struktur PDF rusak ringan dan dapat diperbaiki",
        "slightly damaged PDF structure that can be repaired",
    ),
    "error.detail.damaged_pdf": ("struktur PDF rusak", "damaged PDF structure"),
    "error.detail.undecodable_content": (
        "sebagian isi halaman tidak dapat dibaca",
        "part of the page content cannot be read",
    ),
    "error.detail.bad_image": ("gambar rusak atau tidak dikenal", "damaged or unknown image"),
    "error.detail.bomb": (
        "ukuran gambar yang dinyatakan terlalu besar (bom dekompresi)",
        "declared image size too large (decompression bomb)",
    ),
    "error.detail.bad_workbook": (
        "buku kerja Excel tidak dapat dibaca",
        "Excel workbook cannot be read",
    ),
    "error.detail.bad_document": (
        "dokumen Word tidak dapat dibaca",
        "Word document cannot be read",
    ),
    "error.detail.bad_ole": (
        "berkas Office lama (.doc/.xls) rusak",
        "damaged legacy Office file (.doc/.xls)",
    ),
    "error.detail.bad_properties": (
        "properti dokumen tidak dapat dibaca",
        "document properties cannot be read",
    ),
    "error.detail.ocr_failed": ("pembacaan teks (OCR) gagal", "text recognition (OCR) failed"),
    "error.detail.no_result": (
        "pemeriksaan berkas tidak selesai dalam batas waktu",
        "the file's inspection did not finish in time",
    ),
    "error.detail.crashed": (
        "pemeriksa berkas berhenti mendadak pada berkas ini",
        "the inspector stopped abruptly on this file",
    ),
    "error.bad_zip": (
        "bukan berkas ZIP/Office yang utuh (rusak atau terpotong)",
        "not an intact ZIP/Office file (damaged or truncated)",
    ),
    "error.bad_compressed": ("data terkompresi rusak", "damaged compressed data"),
    "error.bad_encoding": (
        "teks dengan pengodean yang tidak dikenal",
        "text in an unknown encoding",
    ),
    "build.soffice.timeout": (
        "LibreOffice melewati batas waktu {seconds} detik",
        "LibreOffice exceeded the {seconds} s time limit",
    ),
    "build.soffice.no_output": (
        "LibreOffice tidak menghasilkan PDF",
        "LibreOffice produced no PDF",
    ),
    "build.soffice.nothing": (
        "LibreOffice tidak dapat mengonversi satu berkas pun",
        "LibreOffice converts nothing",
    ),
    "cli.warning": ("Peringatan", "Warning"),
    "cli.error": ("Galat", "Error"),
    "cli.written": ("Ditulis: {path}", "Written: {path}"),
    "cli.bad_choice": (
        "'{value}' tidak dikenal; pilih salah satu: {allowed}",
        "'{value}' is not known; choose one of: {allowed}",
    ),
    "cli.bad_language": (
        "Bahasa '{value}' tidak dikenal; pakai id atau en.",
        "Language '{value}' is not known; use id or en.",
    ),
    "cli.interrupted": ("Dihentikan.", "Interrupted."),
    "cli.internal": (
        "Kesalahan internal kladoc: {detail}. Jalankan lagi dengan KLADOC_DEBUG=1 untuk "
        "rinciannya dan laporkan ke pengembang.",
        "kladoc internal error: {detail}. Run again with KLADOC_DEBUG=1 for details and "
        "report it to the developers.",
    ),
    "cli.xlsx_needs_output": (
        "format xlsx memerlukan --output BERKAS.xlsx",
        "the xlsx format needs --output FILE.xlsx",
    ),
    "cache.rebuilt": (
        "Cache pemeriksaan rusak dan dibuat ulang ({path}: {detail}).",
        "The inspection cache was damaged and has been rebuilt ({path}: {detail}).",
    ),
    "cache.disabled": (
        "Cache pemeriksaan tidak dapat dipakai ({path}: {detail}); semua berkas diperiksa ulang.",
        "The inspection cache cannot be used ({path}: {detail}); every file is inspected again.",
    ),
    "inspect.in_process": (
        "Proses pemeriksa terpisah tidak dapat dijalankan di komputer ini; berkas diperiksa "
        "dalam proses utama, tanpa batas waktu per berkas.",
        "Separate inspector processes cannot start on this computer; files are inspected in "
        "the main process, without a time limit per file.",
    ),
    "build.check_line": (
        "Pemeriksaan: {errors} galat, {warnings} peringatan · {readiness}. Rinciannya: "
        "`kladoc check`.",
        "Check: {errors} {errors:error|errors}, {warnings} {warnings:warning|warnings} · "
        "{readiness}. Details: `kladoc check`.",
    ),
    "progress.inspect": ("Memeriksa berkas", "Inspecting files"),
    "progress.build": ("Menyusun dossier", "Building dossiers"),
    # ---- build (kladoc build: PDF dossier per cluster) ------------------------------------
    "progress.convert": ("Mengonversi berkas", "Converting files"),
    "progress.upload": ("Menyusun berkas unggah", "Building upload files"),
    "cli.opt.converter": (
        "Konversi DOCX/XLSX: auto (LibreOffice bila ada) atau python (tanpa LibreOffice).",
        "DOCX/XLSX conversion: auto (LibreOffice when found) or python (without LibreOffice).",
    ),
    "build.months": (
        "Januari,Februari,Maret,April,Mei,Juni,Juli,Agustus,September,Oktober,November,Desember",
        "January,February,March,April,May,June,July,August,September,October,November,December",
    ),
    "build.header": ("{region} · Evaluasi KLA {year}", "{region} · KLA evaluation {year}"),
    "build.cover.government": ("PEMERINTAH {region}", "GOVERNMENT OF {region}"),
    "build.cover.kicker": ("DOSSIER BUKTI DUKUNG", "EVIDENCE DOSSIER"),
    "build.cover.evaluation": (
        "Evaluasi Kabupaten/Kota Layak Anak Tahun {year}",
        "Child-Friendly Regency/City (KLA) Evaluation {year}",
    ),
    "build.cover.volume": ("Jilid {n} dari {total}", "Volume {n} of {total}"),
    "build.cover.volume_range": (
        "Jilid {n}: indikator {first} – {last}",
        "Volume {n}: indicators {first} – {last}",
    ),
    "build.cover.volume_single": ("Jilid {n}: indikator {first}", "Volume {n}: indicator {first}"),
    "build.cover.readiness": (
        "Perkiraan kesiapan dokumen klaster ini",
        "Documentation readiness estimate for this cluster",
    ),
    "build.cover.points": (
        "{score} dari {maximum} poin",
        "{score} of {maximum} {maximum:point|points}",
    ),
    "build.cover.indicators": ("Indikator", "Indicators"),
    "build.cover.indicator_counts": (
        "{complete} lengkap · {partial} sebagian · {missing} kosong",
        "{complete} complete · {partial} partial · {missing} missing",
    ),
    "build.cover.evidence": ("Bukti dukung", "Evidence"),
    "build.cover.evidence_counts": (
        "{files} berkas · {pages} halaman bukti",
        "{files} {files:file|files} · {pages} evidence pages",
    ),
    "build.cover.evidence_counts_uncounted": (
        "{files} berkas · {pages} halaman bukti + {uncounted} berkas Office"
        " (dihitung saat PDF dibuat)",
        "{files} {files:file|files} · {pages} evidence pages + {uncounted} Office files"
        " (counted when the PDF is built)",
    ),
    "build.cover.gaps": ("Kekurangan terbuka", "Open gaps"),
    "build.cover.gap_counts": (
        "{errors} galat · {warnings} peringatan",
        "{errors} {errors:error|errors} · {warnings} {warnings:warning|warnings}",
    ),
    "build.cover.built": (
        "Disusun {date} dengan kladoc {version} · {checklist}",
        "Built {date} with kladoc {version} · {checklist}",
    ),
    "build.toc.title": ("Daftar Isi", "Contents"),
    "build.toc.hint": (
        "Angka di kanan adalah nomor halaman berkas PDF ini, yang juga tercetak di kaki setiap "
        "halaman. Klik sebuah baris untuk membuka halamannya.",
        "The numbers on the right are page numbers of this PDF file, also printed at the foot "
        "of every page. Click a line to open its page.",
    ),
    "build.toc.placeholder": ("tidak dapat ditampilkan", "cannot be shown"),
    "build.toc.converted": (
        "dikonversi ke PDF; aslinya terlampir",
        "converted to PDF; original attached",
    ),
    "build.pages_short": ("{n} hal.", "{n} p."),
    "build.section.kicker": ("Indikator {id} · {cluster}", "Indicator {id} · {cluster}"),
    "build.section.max_score": ("Skor maksimum", "Maximum score"),
    "build.section.opds": ("OPD penanggung jawab", "Responsible OPDs"),
    "build.section.status": ("Status kelengkapan", "Completeness"),
    "build.section.points": (
        "{points} dari {maximum} poin",
        "{points} of {maximum} {maximum:point|points}",
    ),
    "build.section.required": ("Bukti wajib", "Required evidence"),
    "build.section.narrative": ("Narasi", "Narrative"),
    "build.section.evidence": ("Daftar Bukti Dukung", "Evidence Index"),
    "build.section.no_evidence": (
        "Belum ada bukti dukung untuk indikator ini.",
        "There is no evidence for this indicator yet.",
    ),
    "build.section.gaps": ("Kekurangan yang Masih Terbuka", "Open Gaps"),
    "build.section.no_gaps": (
        "Tidak ada kekurangan yang tercatat untuk indikator ini.",
        "No gaps are recorded for this indicator.",
    ),
    "build.section.remedy": ("Saran: {remedy}", "Remedy: {remedy}"),
    "build.section.questions": ("Pertanyaan", "Questions"),
    "build.section.unassigned": ("Belum dikaitkan ke pertanyaan", "Not linked to a question"),
    "build.col.question": ("Kode", "Code"),
    "build.col.question_text": ("Pertanyaan", "Question"),
    "build.col.question_max": ("Skor maks.", "Max score"),
    "build.col.answer": ("Jawaban", "Answer"),
    "build.col.files": ("Bukti", "Evidence"),
    "build.section.other_volume": ("Jilid {n}", "Vol. {n}"),
    "build.col.no": ("No.", "No."),
    "build.col.file": ("Berkas", "File"),
    "build.col.opd": ("OPD", "OPD"),
    "build.col.type": ("Jenis", "Type"),
    "build.col.year": ("Tahun", "Year"),
    "build.col.pages": ("Hal.", "Pp."),
    "build.col.start": ("Mulai hal.", "From p."),
    "build.col.sha": ("SHA-256", "SHA-256"),
    "build.stamp.indicator": ("Indikator {id}", "Indicator {id}"),
    "build.stamp.doc": ("Bukti {number}", "Evidence {number}"),
    "build.stamp.question": ("Pertanyaan {code}", "Question {code}"),
    "build.stamp.page": ("Hal. {page} dari {total}", "Page {page} of {total}"),
    "build.stamp.volume": ("Jilid {n}/{total}", "Vol. {n}/{total}"),
    "build.outline.indicator": ("Indikator {id} — {title}", "Indicator {id} — {title}"),
    "build.outline.question": ("Pertanyaan {code} — {text}", "Question {code} — {text}"),
    "build.file.volume": ("Jilid {n} dari {total}", "Volume {n} of {total}"),
    "build.meta.title": (
        "{cluster} — {region} — Evaluasi KLA {year}",
        "{cluster} — {region} — KLA evaluation {year}",
    ),
    "build.meta.subject": (
        "Dossier bukti dukung evaluasi Kabupaten/Kota Layak Anak {year}",
        "Evidence dossier for the Child-Friendly Regency/City evaluation {year}",
    ),
    "build.placeholder.title": ("BERKAS TIDAK DAPAT DITAMPILKAN", "THIS FILE CANNOT BE SHOWN"),
    "build.placeholder.intro": (
        "Berkas bukti dukung berikut tercatat dalam dossier, tetapi isinya tidak dapat "
        "dimasukkan ke PDF ini.",
        "The evidence file below is part of the dossier, but its content cannot be included "
        "in this PDF.",
    ),
    "build.placeholder.file": ("Berkas", "File"),
    "build.placeholder.opd": ("OPD", "OPD"),
    "build.placeholder.indicator": ("Indikator", "Indicator"),
    "build.placeholder.problem": ("Masalah", "Problem"),
    "build.placeholder.remedy": ("Yang perlu dilakukan", "What to do"),
    "build.placeholder.size": ("Ukuran", "Size"),
    "build.placeholder.status": ("berkas {status} ({kind})", "file {status} ({kind})"),
    "build.placeholder.needs_office": (
        "berkas {suffix} hanya dapat dikonversi dengan LibreOffice, yang tidak ditemukan",
        "{suffix} files can only be converted with LibreOffice, which was not found",
    ),
    "build.placeholder.office_remedy": (
        "Simpan ulang sebagai PDF atau DOCX/XLSX, atau pasang LibreOffice lalu jalankan "
        "`kladoc build` lagi.",
        "Save it again as PDF or DOCX/XLSX, or install LibreOffice and run `kladoc build` again.",
    ),
    "build.placeholder.convert_failed": (
        "tidak dapat dikonversi: {detail}",
        "could not be converted: {detail}",
    ),
    "build.placeholder.office_disabled": (
        "berkas {suffix} hanya dapat dikonversi dengan LibreOffice, yang tidak dipakai "
        "karena --converter python",
        "{suffix} files can only be converted with LibreOffice, which --converter python "
        "turned off",
    ),
    "build.placeholder.office_disabled_remedy": (
        "Jalankan `kladoc build` tanpa `--converter python`, atau simpan ulang sebagai PDF "
        "atau DOCX/XLSX.",
        "Run `kladoc build` without `--converter python`, or save it again as PDF or DOCX/XLSX.",
    ),
    "build.placeholder.office_libreoffice": (
        "LibreOffice tidak dapat mengonversi berkas ini",
        "LibreOffice could not convert this file",
    ),
    "build.placeholder.office_unreadable": (
        "isi berkas ini tidak dapat dibaca oleh kladoc (mungkin rusak atau bukan berkas "
        "Word/Excel yang sebenarnya)",
        "kladoc cannot read the content of this file (it may be damaged or not really a "
        "Word/Excel file)",
    ),
    "build.placeholder.office_layout": (
        "isi berkas ini terlalu besar atau terlalu rumit untuk ditata otomatis oleh kladoc",
        "the content of this file is too large or too complex for kladoc to lay out",
    ),
    "build.placeholder.office_timeout": (
        "penataan berkas ini oleh kladoc dihentikan setelah {seconds} detik",
        "kladoc stopped laying out this file after {seconds} {seconds:second|seconds}",
    ),
    "build.placeholder.office_render_remedy": (
        "Buka berkas di Word/Excel atau LibreOffice, simpan sebagai PDF di folder yang sama, "
        "lalu jalankan `kladoc build` lagi.",
        "Open the file in Word/Excel or LibreOffice, save it as PDF in the same folder, then "
        "run `kladoc build` again.",
    ),
    "build.placeholder.generic_remedy": (
        "Buka berkas di komputer; bila tidak bisa, minta salinan baru dari OPD atau simpan "
        "ulang sebagai PDF.",
        "Open the file on a computer; if that fails, ask the OPD for a new copy or save it "
        "again as PDF.",
    ),
    "build.converted.banner": (
        "Dikonversi otomatis oleh kladoc dari {name}. Tata letak dapat berbeda dari "
        "aslinya; berkas asli terlampir di PDF ini.",
        "Converted automatically by kladoc from {name}. The layout may differ from the "
        "original; the original file is attached to this PDF.",
    ),
    "build.converted.sheet": ("Lembar: {sheet}", "Sheet: {sheet}"),
    "build.converted.empty_sheet": ("(lembar kosong)", "(empty sheet)"),
    "build.converted.truncated": (
        "… {rows} baris berikutnya tidak ditampilkan; lihat berkas asli yang terlampir.",
        "… {rows} more rows are not shown; see the attached original.",
    ),
    "build.converted.columns_truncated": (
        "… {cols} kolom berikutnya tidak ditampilkan; lihat berkas asli yang terlampir.",
        "… {cols} more columns are not shown; see the attached original.",
    ),
    "build.converted.doc_truncated": (
        "… sisa dokumen tidak ditampilkan; lihat berkas asli yang terlampir.",
        "… the rest of the document is not shown; see the attached original.",
    ),
    "build.converted.image": ("[gambar: lihat berkas asli]", "[picture: see the original]"),
    "build.attachment.description": (
        "Berkas asli bukti {number}: {path}",
        "Original file of evidence {number}: {path}",
    ),
    "build.warn.doc_over_limit": (
        "{path} ({size_mb} MB) lebih besar dari batas {limit_mb} MB; berkas ini mendapat "
        "jilid sendiri yang melebihi batas. Perkecil berkasnya (mis. --compact) atau "
        "pecah dokumennya.",
        "{path} ({size_mb} MB) is larger than the {limit_mb} MB limit; it gets a volume of "
        "its own, which exceeds the limit. Shrink the file (e.g. --compact) or split the "
        "document.",
    ),
    "build.warn.volume_over_limit": (
        "{file}: {size_mb} MB, melebihi batas {limit_mb} MB.",
        "{file}: {size_mb} MB, over the {limit_mb} MB limit.",
    ),
    "build.warn.logo": (
        "Logo {path} tidak dapat dipakai ({detail}); sampul dibuat tanpa logo.",
        "Logo {path} cannot be used ({detail}); the cover has no logo.",
    ),
    "build.warn.narrative": (
        "{path}: narasi tidak dapat dibaca ({detail})",
        "{path}: the narrative cannot be read ({detail})",
    ),
    "build.warn.soffice": (
        "LibreOffice tidak dapat mengonversi {count} berkas ({detail}); berkas itu "
        "dirender oleh kladoc.",
        "LibreOffice could not convert {count} {count:file|files} ({detail}); kladoc rendered "
        "them itself.",
    ),
    "build.warn.convert": (
        "{path}: tidak dapat dikonversi ({detail}); diganti halaman keterangan.",
        "{path}: could not be converted ({detail}); replaced by a notice page.",
    ),
    "build.warn.stale_removed": ("Dossier lama dihapus: {file}", "Old dossier removed: {file}"),
    "build.kept.edited": ("disunting", "edited"),
    "build.kept": (
        "{file} diubah sejak kladoc menulisnya: disimpan sebagai {kept}",
        "{file} was changed since kladoc wrote it: kept as {kept}",
    ),
    "build.draft.mark": ("DRAF", "DRAFT"),
    "build.draft.line": (
        "DRAF: kekurangan dan angka kesiapan tercantum; jangan diserahkan kepada tim evaluasi.",
        "DRAFT: gaps and readiness figures included; not for the evaluation team.",
    ),
    "build.left_out.title": (
        "{count} berkas tidak dimasukkan ke dossier:",
        "{count} {count:file|files} left out of the dossier:",
    ),
    "build.left_out.line": ("  {path}: {reason}", "  {path}: {reason}"),
    "build.left_out.line_detail": (
        "  {path}: {reason} — {detail}",
        "  {path}: {reason} — {detail}",
    ),
    "build.left_out.unmapped": (
        "tidak terpetakan ke indikator",
        "not mapped to an indicator",
    ),
    "build.left_out.unusable": ("tidak dapat dipakai", "unusable"),
    "build.left_out.unassigned": (
        "belum dikaitkan ke pertanyaan (hanya di draf)",
        "not linked to a question (in the draft only)",
    ),
    "build.left_out.stale-year": (
        "di luar rentang tahun",
        "outside the year window",
    ),
    "build.interrupted": (
        "Dihentikan; dossier sebelumnya tidak diubah.",
        "Interrupted; the previous dossier is unchanged.",
    ),
    "build.error.failed": (
        "Dossier {file} tidak dapat disusun: {detail}. Dossier sebelumnya tidak diubah.",
        "Dossier {file} could not be built: {detail}. The previous dossier is unchanged.",
    ),
    "build.error.merge": (
        "penggabungan PDF gagal ({detail})",
        "merging the PDFs failed ({detail})",
    ),
    "build.error.layout": (
        "jumlah halaman bagian depan tidak sesuai tata letaknya",
        "the front matter's page count does not match its layout",
    ),
    "build.error.verify": (
        "Pemeriksaan akhir {file} gagal: {reason}. Dossier sebelumnya tidak diubah.",
        "Final check of {file} failed: {reason}. The previous dossier is unchanged.",
    ),
    "build.verify.page_count": (
        "jumlah halaman {actual}, seharusnya {expected}",
        "{actual} {actual:page|pages}, expected {expected}",
    ),
    "build.verify.outline": (
        "penanda '{title}' menunjuk halaman {actual}, seharusnya {expected}",
        "bookmark '{title}' points at page {actual}, expected {expected}",
    ),
    "build.verify.outline_shape": (
        "struktur penanda tidak sesuai ({detail})",
        "the bookmark structure is wrong ({detail})",
    ),
    "build.verify.link": (
        "tautan daftar isi ke {target} menunjuk halaman {actual}, seharusnya {expected}",
        "the contents link to {target} points at page {actual}, expected {expected}",
    ),
    "build.verify.links_missing": (
        "daftar isi memiliki {actual} tautan, seharusnya {expected}",
        "the contents have {actual} {actual:link|links}, expected {expected}",
    ),
    "build.verify.stamp": (
        "cap halaman {page} tidak sesuai: '{stamp}'",
        "the stamp on page {page} is wrong: '{stamp}'",
    ),
    "build.verify.toc_numbers": (
        "nomor halaman tercetak di daftar isi halaman {page} ({printed}) tidak sesuai ({expected})",
        "page numbers printed on contents page {page} ({printed}) do not match ({expected})",
    ),
    "build.verify.source": (
        "halaman {page} bukan halaman pertama {path}",
        "page {page} is not the first page of {path}",
    ),
    "build.verify.active": (
        "masih ada konten aktif (JavaScript atau tindakan Launch): {detail}",
        "active content (JavaScript or a Launch action) is still present: {detail}",
    ),
    "build.verify.syntax": (
        "pemeriksaan struktur PDF (qpdf) menemukan masalah: {detail}",
        "the PDF structure check (qpdf) found problems: {detail}",
    ),
    "build.placeholder.damaged": (
        "isi halaman PDF rusak dan tidak dapat diselamatkan ({detail})",
        "the PDF's page content is damaged and could not be salvaged ({detail})",
    ),
    "build.warn.salvaged": (
        "{path}: sebagian isi PDF rusak ({detail}); bagian yang rusak dikosongkan di dossier.",
        "{path}: part of the PDF's content is damaged ({detail}); the damaged parts are blank "
        "in the dossier.",
    ),
    "build.output_in_opd": (
        "Folder keluaran {path} berada di dalam folder OPD '{folder}'; hasil susunan akan "
        "terbaca sebagai bukti. Pakai folder bawaan ({default}) atau folder di luar dossier.",
        "The output folder {path} is inside the OPD folder '{folder}'; built dossiers would "
        "be read as evidence. Use the default folder ({default}) or one outside the dossier.",
    ),
    "build.output_in_dossier": (
        "Folder keluaran {path} berada di dalam folder dossier, sehingga `kladoc check` akan "
        "membacanya sebagai bukti. Pakai folder bawaan ({default}) atau folder di luar "
        "dossier.",
        "The output folder {path} is inside the dossier folder, so `kladoc check` would read "
        "it as evidence. Use the default folder ({default}) or one outside the dossier.",
    ),
    "build.bad_max_mb": ("--max-mb harus lebih besar dari 0.", "--max-mb must be above 0."),
    "build.unknown_converter": (
        "--converter: pilih auto atau python.",
        "--converter: choose auto or python.",
    ),
    # ---- upload pack (build --format upload) ----------------------------------------------
    "upload.folder.indicator": ("Indikator {id}", "Indicator {id}"),
    "upload.file.part": ("bagian {n} dari {total}", "part {n} of {total}"),
    "upload.stamp.question": ("Pertanyaan {code}", "Question {code}"),
    "upload.meta.subject": (
        "Bukti dukung pertanyaan {code}, evaluasi KLA {year}",
        "Evidence for question {code}, KLA evaluation {year}",
    ),
    "upload.title.many": ("{first} dan {more} dokumen lain", "{first} and {more} more documents"),
    "upload.kept.edited": ("disunting", "edited"),
    "upload.sheet": ("Daftar unggah", "Upload list"),
    "upload.col.code": ("Kode", "Code"),
    "upload.col.indicator": ("Indikator", "Indicator"),
    "upload.col.question": ("Pertanyaan", "Question"),
    "upload.col.answer": ("Jawaban (ketik)", "Answer (to type)"),
    "upload.col.files": ("Berkas yang diunggah", "Files to upload"),
    "upload.col.size": ("Ukuran", "Size"),
    "upload.col.pages": ("Halaman", "Pages"),
    "upload.col.title": ("Judul lampiran (ketik)", "Attachment title (to type)"),
    "upload.col.sources": ("Berkas bukti asal", "Source evidence"),
    "upload.col.note": ("Keterangan", "Note"),
    "upload.reason.no_files": (
        "Belum ada berkas bukti yang dikaitkan ke pertanyaan ini.",
        "No evidence file is assigned to this question yet.",
    ),
    "upload.reason.none_usable": (
        "{count} berkas dikaitkan, tetapi tidak ada yang dapat diunggah.",
        "{count} {count:file is|files are} assigned, but none can be uploaded.",
    ),
    "upload.reason.unusable": ("tidak dapat dibaca ({status})", "cannot be read ({status})"),
    "upload.reason.year": (
        "tahun {year} di luar rentang tahun bukti",
        "year {year} outside the evidence years",
    ),
    "upload.reason.convert_failed": (
        "tidak dapat diubah menjadi PDF",
        "could not be converted to PDF",
    ),
    "upload.warn.left_out": (
        "{path} tidak dimasukkan ke berkas unggah pertanyaan {question}: tidak dapat diubah "
        "menjadi PDF.",
        "{path} is left out of question {question}'s upload file: it could not be converted "
        "to PDF.",
    ),
    "upload.warn.page_too_large": (
        "{file} ({size_mb} MB) tetap melebihi batas {limit_mb} MB: satu halamannya saja sudah "
        "lebih besar. Perkecil berkas aslinya (pindai ulang dengan resolusi lebih rendah).",
        "{file} ({size_mb} MB) is still over the {limit_mb} MB limit: a single page of it is "
        "larger. Make the original smaller (scan it again at a lower resolution).",
    ),
    "upload.warn.part_too_large": (
        "{file} ({size_mb} MB) tetap melebihi batas {limit_mb} MB setelah diperkecil dan "
        "dipecah. Perkecil berkas aslinya.",
        "{file} ({size_mb} MB) is still over the {limit_mb} MB limit after downsampling and "
        "splitting. Make the originals smaller.",
    ),
    "upload.error.nothing": (
        "Pertanyaan {question}: tidak ada berkas unggah ({detail}).",
        "Question {question}: no upload file ({detail}).",
    ),
    "upload.error.verify": (
        "Pertanyaan {question}: {file} gagal diverifikasi ({reason}); berkas ini tidak ditulis.",
        "Question {question}: {file} failed verification ({reason}); it was not written.",
    ),
    "upload.error.failed": (
        "Pertanyaan {question}: {file} tidak dapat dibuat ({detail}).",
        "Question {question}: {file} could not be built ({detail}).",
    ),
    "upload.verify.pdfium": (
        "tidak dapat dibuka PDFium: {detail}",
        "PDFium cannot open it: {detail}",
    ),
    "upload.title": ("Berkas unggah · {folder}", "Upload pack · {folder}"),
    "upload.done": (
        "Berkas unggah: {files} PDF untuk {questions} pertanyaan di {folder} "
        "({rewritten} pertanyaan ditulis ulang, {kept} tidak berubah); {empty} pertanyaan "
        "tanpa berkas tercantum di {list} ({seconds} detik).",
        "Upload pack: {files} PDFs for {questions} {questions:question|questions} in {folder} "
        "({rewritten} {rewritten:question|questions} rewritten, {kept} unchanged); {empty} "
        "{empty:question|questions} with nothing "
        "to upload are listed in {list} ({seconds} s).",
    ),
    "upload.rewritten": ("Ditulis ulang: pertanyaan {codes}.", "Rewritten: questions {codes}."),
    "upload.user_file": (
        "{was} diubah atau ditambahkan di luar kladoc: disimpan sebagai {kept}.",
        "{was} was changed or added outside kladoc: kept as {kept}.",
    ),
    "upload.removed": (
        "Dihapus (tidak lagi dalam paket): {file}",
        "Removed (no longer in the pack): {file}",
    ),
    "upload.failed": (
        "Folder unggah tidak dapat ditulis; folder sebelumnya tidak berubah.",
        "The upload folder could not be written; the previous one is unchanged.",
    ),
    "build.scope_upload_only": (
        "--indicator dan --opd hanya untuk --format upload (dossier selalu utuh per klaster).",
        "--indicator and --opd are for --format upload only (a dossier is always a whole cluster).",
    ),
    "cli.opt.indicator_build": (
        "Hanya indikator ini (paket unggah).",
        "Only this indicator (upload pack).",
    ),
    "cli.opt.opd_build": (
        "Hanya pertanyaan OPD ini (paket unggah).",
        "Only this OPD's questions (upload pack).",
    ),
    "build.title": ("Dossier PDF · {folder}", "PDF dossiers · {folder}"),
    "build.col.output": ("Berkas", "File"),
    "build.col.docs": ("Bukti", "Evidence"),
    "build.col.total_pages": ("Halaman", "Pages"),
    "build.col.size": ("Ukuran", "Size"),
    "build.done": (
        "Selesai: {files} berkas PDF ditulis ke {folder} ({seconds} detik).",
        "Done: {files} PDF files written to {folder} ({seconds} s).",
    ),
    "build.failed": (
        "{count} dossier gagal disusun.",
        "{count} {count:dossier|dossiers} failed to build.",
    ),
    # ---- build --format docx (Word dossier per cluster) -----------------------------------
    "progress.docx": ("Menyusun dossier Word", "Building Word dossiers"),
    "progress.pictures": (
        "Menyiapkan foto dan halaman pertama",
        "Preparing photos and first pages",
    ),
    "cli.opt.build_format": (
        "Keluaran: pdf, docx (Word yang dapat disunting), both (keduanya), upload (satu PDF "
        "per pertanyaan untuk diunggah) atau all (pdf, docx dan upload).",
        "Output: pdf, docx (editable Word), both, upload (one PDF per question to upload) "
        "or all (pdf, docx and upload).",
    ),
    "cli.opt.template": (
        "Templat Word sendiri (.docx); mengalahkan `template` di kladoc.toml.",
        "Your own Word template (.docx); overrides `template` in kladoc.toml.",
    ),
    "cli.template.help": ("Templat dossier Word.", "The Word dossier template."),
    "cli.template.export.help": (
        "Tulis templat Word bawaan ke BERKAS untuk disunting di Word.",
        "Write the default Word template to FILE for editing in Word.",
    ),
    "cli.arg.template_file": ("Berkas .docx yang ditulis.", "The .docx file to write."),
    "cli.opt.force": ("Timpa berkas yang sudah ada.", "Overwrite an existing file."),
    "template.exists": (
        "{path} sudah ada. Pakai --force untuk menimpanya, atau pilih nama lain.",
        "{path} already exists. Use --force to overwrite it, or choose another name.",
    ),
    "template.exported": (
        "Templat Word bawaan ditulis ke {path}. Ubah tampilannya di Word tanpa mengubah "
        'tag {{{{ … }}}} dan {{% … %}}, lalu pakai dengan template = "{path}" di '
        "kladoc.toml atau --template.",
        "The default Word template was written to {path}. Change its look in Word without "
        'altering the {{{{ … }}}} and {{% … %}} tags, then use it with template = "{path}" '
        "in kladoc.toml or --template.",
    ),
    "docx.template_missing": (
        "Templat Word {path} tidak ditemukan. Periksa `template` di kladoc.toml atau "
        "--template; `kladoc template export BERKAS` menulis templat bawaan.",
        "The Word template {path} was not found. Check `template` in kladoc.toml or "
        "--template; `kladoc template export FILE` writes the default template.",
    ),
    "docx.template_not_docx": (
        "{path} bukan berkas Word .docx ({detail}). Simpan templat dari Word sebagai "
        "Dokumen Word (.docx).",
        "{path} is not a Word .docx file ({detail}). Save the template from Word as a "
        "Word Document (.docx).",
    ),
    "docx.error.template_syntax": (
        "Templat Word {template} rusak: tag '{tag}' tidak lengkap atau salah tulis ({detail}). "
        "Perbaiki tag itu di Word (setiap {{{{ harus ditutup dengan }}}} dan setiap {{% "
        "dengan %}}). Dossier Word sebelumnya tidak diubah.",
        "The Word template {template} is broken: the tag '{tag}' is incomplete or misspelt "
        "({detail}). Fix that tag in Word (every {{{{ needs a closing }}}} and every {{% a "
        "closing %}}). The previous Word dossiers are unchanged.",
    ),
    "docx.error.template_undefined": (
        "Templat Word {template} memakai variabel yang tidak dikenal: '{name}' (di tag "
        "'{tag}'). Daftar variabel ada di README (bagian Dossier Word). Dossier Word "
        "sebelumnya tidak diubah.",
        "The Word template {template} uses an unknown variable: '{name}' (in the tag '{tag}'). "
        "The variables are listed in the README (Word dossier section). The previous Word "
        "dossiers are unchanged.",
    ),
    "docx.error.template_failed": (
        "Templat Word {template} tidak dapat dipakai (tag '{tag}'): {detail}. Dossier Word "
        "sebelumnya tidak diubah.",
        "The Word template {template} cannot be used (tag '{tag}'): {detail}. The previous "
        "Word dossiers are unchanged.",
    ),
    "docx.error.failed": (
        "Dossier Word {file} tidak dapat disusun: {detail}. Dossier sebelumnya tidak diubah.",
        "Word dossier {file} could not be built: {detail}. The previous dossier is unchanged.",
    ),
    "docx.warn.picture": (
        "{path}: gambar tidak dapat disisipkan ke dossier Word ({detail}).",
        "{path}: the picture cannot be put into the Word dossier ({detail}).",
    ),
    "docx.picture_timeout": (
        "tidak selesai dalam {seconds} detik",
        "not done within {seconds} s",
    ),
    "docx.footer.page": ("Halaman {page} dari {total}", "Page {page} of {total}"),
    "docx.toc.hint": (
        "Nomor halaman daftar isi diisi oleh Microsoft Word saat berkas dibuka. Bila belum "
        "tampil, klik kanan di sini lalu pilih Perbarui Bidang (Update Field).",
        "Microsoft Word fills in the page numbers of these contents when the file is opened. "
        "If they do not show, right-click here and choose Update Field.",
    ),
    "docx.section.photos": ("Foto", "Photos"),
    "docx.section.first_pages": ("Halaman Pertama Dokumen PDF", "First Pages of PDF Documents"),
    "docx.caption.photo": ("Foto: {name}", "Photo: {name}"),
    "docx.caption.note": (" — {note}", " — {note}"),
    "docx.caption.first_page": (
        "{number} · {name} · halaman 1 dari {pages}",
        "{number} · {name} · page 1 of {pages}",
    ),
    "docx.unusable": ("tidak dapat ditampilkan: {reason}", "cannot be shown: {reason}"),
    "docx.no_picture": (
        "gambar tidak dapat dibuat: {detail}",
        "the picture could not be made: {detail}",
    ),
    "docx.title": ("Dossier Word · {folder}", "Word dossiers · {folder}"),
    "docx.title_both": ("Dossier PDF dan Word · {folder}", "PDF and Word dossiers · {folder}"),
    "docx.done": (
        "Selesai: {files} berkas Word ditulis ke {folder} ({seconds} detik).",
        "Done: {files} Word files written to {folder} ({seconds} s).",
    ),
    "docx.done_both": (
        "Selesai: {pdf} berkas PDF ditulis ke {folder}, ditambah {docx} berkas Word "
        "({seconds} detik).",
        "Done: {pdf} PDF files written to {folder}, plus {docx} Word files ({seconds} s).",
    ),
    "output.unwritable": (
        "Tidak dapat menulis ke {path}: {detail}. Periksa ruang disk dan izin tulis folder "
        "keluaran.",
        "Cannot write to {path}: {detail}. Check free disk space and write permission of the "
        "output folder.",
    ),
    # ---- locations in files -----------------------------------------------------------
    "loc.line": ("baris {line}", "line {line}"),
    "loc.sheet_row": ("lembar '{sheet}' baris {row}", "sheet '{sheet}' row {row}"),
    # ---- checklist ----------------------------------------------------------------------
    "checklist.not_found": (
        "Daftar periksa '{ref}' tidak ditemukan. Id bawaan: {builtin}; atau berikan jalur "
        "berkas .yaml/.xlsx.",
        "Checklist '{ref}' not found. Built-in ids: {builtin}; or give a .yaml/.xlsx path.",
    ),
    "checklist.unreadable": (
        "Tidak dapat membaca daftar periksa {file}: {detail}",
        "Cannot read checklist {file}: {detail}",
    ),
    "checklist.invalid": (
        "Daftar periksa tidak sah: {file}, {where}, kolom '{field}': {problem}",
        "Invalid checklist: {file}, {where}, field '{field}': {problem}",
    ),
    "checklist.yaml_syntax": ("sintaks YAML salah ({detail})", "YAML syntax error ({detail})"),
    "checklist.unknown_field": ("kolom tidak dikenal", "unknown field"),
    "checklist.missing_field": ("wajib diisi", "is required"),
    "checklist.bad_text": (
        "harus berupa teks atau {{id: ..., en: ...}}",
        "must be text or {{id: ..., en: ...}}",
    ),
    "checklist.bad_number": (
        "harus berupa angka ≥ 0, bukan {value!r}",
        "must be a number ≥ 0, not {value!r}",
    ),
    "checklist.bad_integer": (
        "harus berupa bilangan bulat ≥ 1, bukan {value!r}",
        "must be a whole number ≥ 1, not {value!r}",
    ),
    "checklist.bad_list": ("harus berupa daftar", "must be a list"),
    "checklist.bad_bool": (
        "harus true atau false, bukan {value!r}",
        "must be true or false, not {value!r}",
    ),
    "checklist.not_mapping": (
        "harus berupa pemetaan kunci: nilai",
        "must be a mapping of key: value",
    ),
    "checklist.bad_schema": (
        "versi skema {value!r} tidak didukung (harus {expected})",
        "schema version {value!r} is not supported (must be {expected})",
    ),
    "checklist.bad_range": (
        "rentang nilai salah atau tumpang tindih",
        "range is reversed or overlaps the previous one",
    ),
    "checklist.bad_slug": (
        "id hanya boleh huruf kecil, angka, - dan _",
        "ids may only use lowercase letters, digits, - and _",
    ),
    "checklist.duplicate_or_bad_id": (
        "id '{value}' ganda atau tidak sah",
        "id '{value}' is duplicated or invalid",
    ),
    "checklist.bad_code": (
        "kode indikator '{value}' tidak sah (contoh: 4, 21a)",
        "indicator code '{value}' is invalid (e.g. 4, 21a)",
    ),
    "checklist.unknown_ref": (
        "'{value}' tidak didefinisikan di daftar periksa ini",
        "'{value}' is not defined in this checklist",
    ),
    "checklist.mixed_weights": (
        "skor_maks harus diisi untuk semua indikator atau tidak sama sekali",
        "max_score must be given for every indicator or for none",
    ),
    "checklist.missing_sheet": ("lembar '{sheet}' tidak ada", "sheet '{sheet}' is missing"),
    "checklist.bad_question_code": (
        "kode pertanyaan '{value}' ganda atau tidak sah (contoh: 1.1, 1.2a, 21a.3)",
        "question code '{value}' is duplicated or invalid (e.g. 1.1, 1.2a, 21a.3)",
    ),
    "checklist.bad_choice": (
        "'{value}' tidak dikenal (pilihan: {allowed})",
        "'{value}' is not known (choices: {allowed})",
    ),
    "checklist.valid_questions": (
        "{file}: sah, {rows} indikator, {questions} pertanyaan, total skor {total}.",
        "{file}: valid, {rows} {rows:indicator|indicators}, {questions} "
        "{questions:question|questions}, total score {total}.",
    ),
    "checklist.questions_of": (
        "{count} pertanyaan, skor maks {total}",
        "{count} {count:question|questions}, max score {total}",
    ),
    "checklist.valid": (
        "{file}: sah, {rows} indikator, total skor {total}.",
        "{file}: valid, {rows} {rows:indicator|indicators}, total score {total}.",
    ),
    "checklist.weighted_equal": ("bobot sama rata", "equal weights"),
    "checklist.title": ("Daftar periksa {id}: {title}", "Checklist {id}: {title}"),
    "checklist.total": ("Total skor maksimum: {total}", "Total maximum score: {total}"),
    "checklist.categories": ("Kategori: {categories}", "Categories: {categories}"),
    # ---- configuration ------------------------------------------------------------------
    "config.bad_value": (
        "kladoc.toml: nilai '{key}' = {value} tidak sah; yang diharapkan: {expected}",
        "kladoc.toml: value '{key}' = {value} is invalid; expected: {expected}",
    ),
    "config.quoted_number": (
        'kladoc.toml: {key} = "{value}" ditulis sebagai teks; hapus tanda kutipnya: '
        "{key} = {number}",
        'kladoc.toml: {key} = "{value}" is written as text; drop the quotes: {key} = {number}',
    ),
    "config.unreadable": ("Tidak dapat membaca {file}: {detail}", "Cannot read {file}: {detail}"),
    "config.malformed": (
        "Berkas konfigurasi {file} rusak: {detail}. Perbaiki atau hapus berkas itu lalu "
        "jalankan `kladoc init` lagi.",
        "Configuration file {file} is malformed: {detail}. Fix it, or delete it and run "
        "`kladoc init` again.",
    ),
    "config.unknown_key": (
        "{file}: kunci '{key}' tidak dikenal dan diabaikan.",
        "{file}: unknown key '{key}' is ignored.",
    ),
    "config.alias_conflict": (
        "Alias OPD '{alias}' dipakai oleh dua OPD ({first} dan {second}); perbaiki "
        "[opd_aliases] di kladoc.toml.",
        "OPD alias '{alias}' belongs to two OPDs ({first} and {second}); fix [opd_aliases] in "
        "kladoc.toml.",
    ),
    "config.unknown_slug": (
        "silence: aturan '{slug}' tidak dikenal (lihat `kladoc rules`).",
        "silence: rule '{slug}' is unknown (see `kladoc rules`).",
    ),
    "config.year_assumed": (
        "Tahun evaluasi tidak ditetapkan; dipakai {year}. Isi `year` di kladoc.toml atau "
        "pakai --year.",
        "No evaluation year set; using {year}. Set `year` in kladoc.toml or pass --year.",
    ),
    "init.toml_header": (
        "# Konfigurasi kladoc untuk dossier ini. Baris berawalan # adalah komentar.",
        "# kladoc settings for this dossier. Lines starting with # are comments.",
    ),
    "init.toml_evidence_years": (
        "# Tahun bukti yang diterima. Ubah sesuai surat edaran siklus ini "
        "(mis. siklus 2026 meminta data 2024 dan 2025).",
        "# The years evidence must come from. Change it to what this cycle's circular asks "
        "(e.g. the 2026 cycle asks for 2024 and 2025 data).",
    ),
    "init.toml_aliases": (
        '# Nama lain folder OPD, mis. bila folder Dinas Kesehatan bernama "DKK":',
        '# Other names of OPD folders, e.g. when the health office folder is called "DKK":',
    ),
    "init.no_region": (
        '--region wajib diisi, mis. "Kota Contoh".',
        '--region is required, e.g. "Kota Contoh".',
    ),
    "init.bad_year": ("Tahun {year} tidak masuk akal.", "Year {year} is not plausible."),
    "init.cannot_create": (
        "Tidak dapat membuat {path}: {detail}",
        "Cannot create {path}: {detail}",
    ),
    "init.created": ("dibuat   {path}", "created  {path}"),
    "init.kept": ("sudah ada, tidak diubah: {path}", "exists, left unchanged: {path}"),
    "init.done": (
        "Selesai: {created} dibuat, {kept} sudah ada, di {folder}.",
        "Done: {created} created, {kept} already there, in {folder}.",
    ),
    "guide.title": ("PANDUAN BUKTI DUKUNG KLA — {opd}", "KLA EVIDENCE GUIDE — {opd}"),
    "guide.subtitle": (
        "{region} · Evaluasi KLA {year} · daftar periksa {checklist}",
        "{region} · KLA evaluation {year} · checklist {checklist}",
    ),
    "guide.indicators": (
        "Indikator yang bukti dukungnya disediakan oleh OPD ini:",
        "Indicators this OPD supplies evidence for:",
    ),
    "guide.indicator_line": ("  {id:>4}  {title} ({cluster})", "  {id:>4}  {title} ({cluster})"),
    "guide.evidence_line": ("        bukti wajib: {types}", "        required: {types}"),
    "guide.naming": (
        "Cara menyimpan berkas:\r\n"
        "  - Buat satu folder per indikator yang namanya diawali kode indikator,\r\n"
        '    mis. "{code} Nama Indikator", atau awali nama berkas dengan kode:\r\n'
        '    "{code}_foto-kegiatan-{year}.jpg".\r\n'
        '  - Tulis jenis dan tahun dokumen di nama berkas: "SK Tim {year}.pdf",\r\n'
        '    "Notulen Rapat Maret {year}.docx", "Data Capaian {first}-{year}.xlsx".\r\n'
        "  - Bukti harus mencakup tahun {first} dan {year}.\r\n"
        "  - Format: PDF, JPG/PNG, DOCX, XLSX; paling besar 10 MB per berkas; tanpa kata sandi.\r\n"
        "  - Boleh menambah bukti.xlsx dengan kolom: berkas, indikator, jenis, tahun, catatan.",
        "How to store files:\r\n"
        "  - Make one folder per indicator whose name starts with its code,\r\n"
        '    e.g. "{code} Indicator name", or start the file name with the code:\r\n'
        '    "{code}_foto-kegiatan-{year}.jpg".\r\n'
        '  - Put the document type and year in the file name: "SK Tim {year}.pdf".\r\n'
        "  - Evidence must cover {first} and {year}.\r\n"
        "  - Formats: PDF, JPG/PNG, DOCX, XLSX; at most 10 MB per file; no passwords.\r\n"
        "  - Optionally add bukti.xlsx with columns: berkas, indikator, jenis, tahun, catatan.",
    ),
    "guide.narrative": (
        "Narasi (penjelasan singkat) per indikator:\r\n"
        "  - Tulis di berkas narasi.md di dalam folder indikatornya, mis.\r\n"
        '    "{code} …/narasi.md". Isinya masuk ke halaman indikator di dossier;\r\n'
        "    baris yang diawali # menjadi judul.",
        "A narrative (short explanation) per indicator:\r\n"
        "  - Write it in a narasi.md file inside the indicator's folder, e.g.\r\n"
        '    "{code} …/narasi.md". It goes onto the indicator\'s page of the dossier;\r\n'
        "    lines starting with # become headings.",
    ),
    "guide.check": (
        "Periksa folder ini sebelum diserahkan:\r\n"
        '  kladoc check "{folder}" --opd {opd} --year {year}',
        "Check this folder before handing it over:\r\n"
        '  kladoc check "{folder}" --opd {opd} --year {year}',
    ),
    # ---- scanning and scope -------------------------------------------------------------
    "ocr.unavailable": (
        "OCR (--ocr atau ocr = true) memerlukan paket tambahan. Pasang dengan: {command}",
        "OCR (--ocr or ocr = true) needs an extra package. Install it with: {command}",
    ),
    "scan.root_missing": ("Folder {path} tidak ada.", "Folder {path} does not exist."),
    "scan.root_not_folder": ("{path} bukan folder.", "{path} is not a folder."),
    "scan.root_unreadable": (
        "Tidak dapat membaca folder {path}: {detail}",
        "Cannot read folder {path}: {detail}",
    ),
    "scan.outside_opd": (
        "berkas berada di luar folder OPD",
        "the file is not inside an OPD folder",
    ),
    "scan.no_code": (
        "nama berkas dan foldernya tidak diawali kode indikator",
        "neither the file nor its folders start with an indicator code",
    ),
    "locate.not_dossier": (
        "bukan folder dossier: tidak ada kladoc.toml di {path} atau folder di atasnya. "
        'Buat dossier baru dengan `kladoc init FOLDER --region "Kota Contoh" --year 2025`, '
        "atau periksa salinan folder satu OPD dengan `--opd NAMA`.",
        "not a dossier folder: no kladoc.toml in {path} or any folder above it. "
        'Create a new dossier with `kladoc init FOLDER --region "Kota Contoh" --year 2025`, '
        "or check a copy of one OPD's folder with `--opd NAME`.",
    ),
    "locate.not_dossier_nearby": (
        "bukan folder dossier: tidak ada kladoc.toml di {path} atau folder di atasnya. "
        "Dossier terdekat di bawahnya: {nearby}. Jalankan kladoc di sana, atau buat dossier "
        'baru dengan `kladoc init FOLDER --region "Kota Contoh" --year 2025`.',
        "not a dossier folder: no kladoc.toml in {path} or any folder above it. "
        "Nearest dossiers below it: {nearby}. Run kladoc there, or create a new dossier "
        'with `kladoc init FOLDER --region "Kota Contoh" --year 2025`.',
    ),
    "locate.scoped_opd": (
        "Dossier {root}; hanya OPD {opd} (folder tempat Anda berada).",
        "Dossier {root}; only OPD {opd} (the folder you are in).",
    ),
    "locate.using_root": (
        "Dossier {root} (kladoc.toml di folder di atas).",
        "Dossier {root} (kladoc.toml in a folder above).",
    ),
    "locate.build_root": (
        "Menyusun seluruh dossier {root}, tempat folder ini berada.",
        "Building the whole dossier {root}, which this folder belongs to.",
    ),
    "scope.unknown_opd": (
        "OPD '{opd}' tidak dikenal. Pakai nama atau singkatan resmi, atau tambahkan alias di "
        "[opd_aliases] kladoc.toml.",
        "OPD '{opd}' is not known. Use its official name or abbreviation, or add an alias in "
        "[opd_aliases] of kladoc.toml.",
    ),
    "scope.unknown_indicator": (
        "Indikator '{indicator}' tidak ada di daftar periksa.",
        "Indicator '{indicator}' is not in the checklist.",
    ),
    "scope.unknown_opd_suggest": (
        "OPD '{opd}' tidak dikenal; maksud Anda: {suggestions}? Daftar lengkap: kladoc opd",
        "OPD '{opd}' is not known; did you mean: {suggestions}? Full list: kladoc opd",
    ),
    "scope.ambiguous_indicator": (
        "Indikator '{indicator}' tidak ada; maksud Anda {candidates}?",
        "There is no indicator '{indicator}'; did you mean {candidates}?",
    ),
    "list.or": ("atau", "or"),
    "scope.unknown_cluster": (
        "Klaster '{cluster}' tidak dikenal. Pilihan: {known}",
        "Cluster '{cluster}' is not known. Choices: {known}",
    ),
    # ---- manifest -----------------------------------------------------------------------
    "manifest.missing_file": (
        "baris {row}: berkas '{file}' tidak ditemukan",
        "row {row}: file '{file}' not found",
    ),
    "manifest.unreadable": ("tidak dapat dibaca ({detail})", "cannot be read ({detail})"),
    "manifest.no_file_column": (
        "tidak ada kolom 'berkas' di baris judul",
        "no 'berkas' (file) column in the header row",
    ),
    "manifest.too_many_rows": (
        "lebih dari {limit} baris; sisanya diabaikan",
        "more than {limit} {limit:row|rows}; the rest is ignored",
    ),
    "manifest.duplicate_row": (
        "baris {row}: '{file}' sudah tercantum di baris {first}",
        "row {row}: '{file}' is already listed in row {first}",
    ),
    "manifest.no_file": ("baris {row}: kolom berkas kosong", "row {row}: the file cell is empty"),
    "manifest.path_leaves": (
        "baris {row}: jalur '{file}' keluar dari folder OPD",
        "row {row}: path '{file}' leaves the OPD folder",
    ),
    "manifest.bad_code": (
        "baris {row}: kode indikator '{code}' tidak dikenal",
        "row {row}: indicator code '{code}' is not known",
    ),
    "answers.no_header": (
        "tidak ada baris judul dengan kolom 'kode' dan 'jawaban' di lembar pertama {file}",
        "no header row with 'kode' and 'jawaban' columns on the first sheet of {file}",
    ),
    "answers.number_expected": (
        "pertanyaan ini meminta angka",
        "this question asks for a number",
    ),
    "answers.request.document": ("dokumen", "document"),
    "answers.request.photo": ("foto", "photo"),
    "answers.request.matrix": ("MATRIKS", "matrix"),
    "answers.request.budget": (
        "data anggaran ditandatangani Bappeda",
        "budget extract signed by Bappeda",
    ),
    "answers.request.none": ("tidak ada lampiran", "nothing to attach"),
    "answers.kind.yes_no": ("ya/tidak", "yes/no"),
    "answers.kind.number": ("angka", "number"),
    "answers.kind.narrative": ("uraian di catatan", "narrative in catatan"),
    "loc.at_row": (" baris {row}", " row {row}"),
    "manifest.bad_type": (
        "baris {row}: jenis bukti '{type}' tidak dikenal",
        "row {row}: evidence type '{type}' is not known",
    ),
    "manifest.bad_year": (
        "baris {row}: tahun '{year}' tidak sah",
        "row {row}: year '{year}' is invalid",
    ),
    # ---- report -------------------------------------------------------------------------
    "report.title": (
        "{region} · Evaluasi KLA {year} · daftar periksa {checklist}",
        "{region} · KLA evaluation {year} · checklist {checklist}",
    ),
    "report.no_region": ("(daerah belum diisi)", "(region not set)"),
    "report.scope_opd": ("Cakupan: hanya {opd}", "Scope: {opd} only"),
    "scope.shared_remedy": (
        "Bagian {opd}: {remedy} (bersama {others}: kirim bagian Anda dan koordinasikan sisanya)",
        "{opd}'s part: {remedy} (shared with {others}: send your part and coordinate the rest)",
    ),
    "report.no_deadline": (
        "Tenggat belum diisi di kladoc.toml.",
        "No deadline set in kladoc.toml.",
    ),
    "report.deadline_in": (
        "Tenggat {date}: {days} hari lagi.",
        "Deadline {date}: {days} {days:day|days} left.",
    ),
    "report.deadline_today": ("Tenggat {date}: hari ini!", "Deadline {date}: today!"),
    "report.deadline_past": (
        "Tenggat {date} sudah lewat {days} hari.",
        "Deadline {date} passed {days} {days:day|days} ago.",
    ),
    "report.readiness": (
        "Perkiraan kesiapan dokumen: {score} dari {maximum} → {category}",
        "Documentation readiness estimate: {score} of {maximum} → {category}",
    ),
    "report.readiness_scoped": (
        "Perkiraan kesiapan dokumen (cakupan ini): {score} dari {maximum}",
        "Documentation readiness estimate (this scope): {score} of {maximum}",
    ),
    "report.readiness_note": (
        "Perkiraan kelengkapan dokumen berdasarkan jenis bukti yang ada, bukan nilai resmi "
        "evaluasi KLA.",
        "An estimate of documentation completeness from the evidence types present, not the "
        "official KLA score.",
    ),
    "report.no_category": ("belum masuk kategori", "no category"),
    "report.claimed": (
        "Nilai menurut jawaban: {claimed}; {at_risk} poin berisiko (dijawab, belum didukung bukti)",
        "Score the answers claim: {claimed}; {at_risk} {at_risk:point|points} at risk "
        "(answered, not evidenced)",
    ),
    "report.no_claimed": (
        "Nilai menurut jawaban: belum ada (jawaban.xlsx belum diisi)",
        "Score the answers claim: none yet (jawaban.xlsx not filled in)",
    ),
    "report.questions_done": (
        "{done} dari {total} pertanyaan terpenuhi",
        "{done} of {total} {total:question|questions} satisfied",
    ),
    "report.questions_of": (
        "Pertanyaan indikator {indicator}: {done}",
        "Questions of indicator {indicator}: {done}",
    ),
    "answers.state.positive": ("ya", "yes"),
    "answers.state.negative": ("tidak", "no"),
    "answers.state.unanswered": ("belum dijawab", "unanswered"),
    "col.code": ("Kode", "Code"),
    "report.needs_answer": ("jawaban di jawaban.xlsx", "an answer in jawaban.xlsx"),
    "col.answer": ("Jawaban", "Answer"),
    "col.question_missing": ("Yang masih kurang", "Still missing"),
    "col.question_text": ("Pertanyaan", "Question"),
    "col.claimed": ("Klaim", "Claimed"),
    "col.at_risk": ("Berisiko", "At risk"),
    "col.to_send": ("Yang perlu dikirim", "What to send"),
    "report.per_opd": ("Per OPD", "Per OPD"),
    "report.summary": (
        "Ringkasan: {errors} galat, {warnings} peringatan, {infos} info · {files} berkas · "
        "{readiness}",
        "Summary: {errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}, "
        "{infos} {infos:note|notes} · {files} {files:file|files} · "
        "{readiness}",
    ),
    "col.indicator": ("Ind.", "Ind."),
    "col.title": ("Indikator", "Indicator"),
    "col.status": ("Status", "Status"),
    "col.files": ("Berkas", "Files"),
    "col.points": ("Poin", "Points"),
    "col.missing_types": ("Bukti yang kurang", "Missing evidence"),
    "col.opds": ("OPD", "OPDs"),
    "col.opd": ("OPD", "OPD"),
    "col.folders": ("Folder", "Folders"),
    "col.supplies": ("Indikator yang diisi", "Indicators supplied"),
    "col.cluster": ("Klaster", "Cluster"),
    "col.max_score": ("Skor maks", "Max score"),
    "col.evidence": ("Bukti wajib", "Required evidence"),
    "col.questions": ("Pertanyaan", "Questions"),
    "status.complete": ("lengkap", "complete"),
    "status.partial": ("sebagian", "partial"),
    "status.missing": ("kosong", "missing"),
    "severity.error": ("galat", "error"),
    "severity.warning": ("peringatan", "warning"),
    "severity.info": ("info", "info"),
    "severity.error.plural": ("GALAT", "ERRORS"),
    "severity.warning.plural": ("PERINGATAN", "WARNINGS"),
    "severity.info.plural": ("INFO", "NOTES"),
    "opd.title": ("OPD yang dikenal kladoc", "OPDs kladoc knows"),
    "opd.col.short": ("Singkatan", "Short name"),
    "opd.col.name": ("Nama", "Name"),
    "opd.col.aliases": ("Nama lain", "Aliases"),
    "opd.hint": (
        "Nama folder OPD boleh memakai salah satu nama ini, juga dengan nama daerah "
        '("Dinkes Kab. Contoh") atau tanda salinan ("- Salinan", "(2)"). Nama lain '
        "ditambahkan di kladoc.toml, bagian [opd_aliases].",
        "An OPD folder may use any of these names, also with the region's name "
        '("Dinkes Kab. Contoh") or a copy mark ("- Copy", "(2)"). Add other names in '
        "kladoc.toml, section [opd_aliases].",
    ),
    "rules.title": ("Aturan pemeriksaan kladoc", "kladoc check rules"),
    "rules.col.slug": ("Aturan", "Rule"),
    "rules.col.severity": ("Tingkat", "Severity"),
    "rules.col.meaning": ("Arti", "Meaning"),
    "rules.col.remedy": ("Saran", "Remedy"),
    # ---- file reports: xlsx / html / md / per-OPD split --------------------------------
    "cli.format_needs_output": (
        "format {format} memerlukan --output BERKAS",
        "the {format} format needs --output FILE",
    ),
    "cli.report.help": (
        "Buat laporan per OPD: satu berkas Excel per OPD, siap dikirim ke tiap penanggung jawab.",
        "Write per-OPD reports: one Excel file per OPD, ready to send to each focal point.",
    ),
    "cli.opt.split_by_opd": (
        "Folder tujuan; satu berkas XLSX per OPD.",
        "Output folder; one XLSX file per OPD.",
    ),
    "split.file_name": ("Laporan KLA {year} - {opd}", "KLA Report {year} - {opd}"),
    "split.written": (
        "{count} laporan OPD ditulis ke {folder}",
        "{count} OPD reports written to {folder}",
    ),
    "split.outdir_inside": (
        "Folder {path} ada di dalam dossier, jadi laporannya akan ikut diperiksa sebagai bukti "
        "lain kali. Sebaiknya pakai folder di luar dossier atau di dalam {output}.",
        "The folder {path} is inside the dossier, so the reports will be checked as evidence "
        "next time. Better use a folder outside the dossier or inside {output}.",
    ),
    "xlsx.sheet.summary": ("Ringkasan", "Summary"),
    "xlsx.sheet.indicators": ("Indikator", "Indicators"),
    "xlsx.sheet.questions": ("Pertanyaan", "Questions"),
    "report.key.claimed": ("Nilai menurut jawaban", "Score the answers claim"),
    "report.key.at_risk": ("Poin berisiko", "Points at risk"),
    "report.key.questions": ("Pertanyaan", "Questions"),
    "report.questions_counts": (
        "{complete} lengkap, {partial} sebagian, {missing} kosong dari {total}; {answered} dijawab",
        "{complete} complete, {partial} partial, {missing} missing of {total}; {answered} answered",
    ),
    "xlsx.sheet.opds": ("OPD", "OPDs"),
    "xlsx.sheet.findings": ("Temuan", "Findings"),
    "xlsx.sheet.evidence": ("Bukti", "Evidence"),
    "xlsx.sheet.excluded": ("Tidak di Dossier", "Left Out"),
    "xlsx.per_cluster": ("Per klaster", "Per cluster"),
    "xlsx.total": ("Jumlah", "Total"),
    "report.doc_title": ("Laporan Kesiapan Dokumen KLA", "KLA Documentation Readiness Report"),
    "report.key.region": ("Daerah", "Region"),
    "report.key.year": ("Tahun evaluasi", "Evaluation year"),
    "report.key.checklist": ("Daftar periksa", "Checklist"),
    "report.key.opd": ("OPD", "OPD"),
    "report.key.deadline": ("Tenggat", "Deadline"),
    "report.key.countdown": ("Sisa waktu", "Time left"),
    "report.key.readiness": ("Perkiraan kesiapan dokumen", "Documentation readiness estimate"),
    "report.key.readiness_max": ("Nilai maksimum", "Maximum"),
    "report.key.share": ("Persentase kesiapan", "Readiness percentage"),
    "report.key.category": ("Kategori", "Category"),
    "report.key.note": ("Catatan", "Note"),
    "report.key.files": ("Berkas bukti", "Evidence files"),
    "report.key.generated": ("Tanggal laporan", "Report date"),
    "report.count.errors": ("Galat", "Errors"),
    "report.count.warnings": ("Peringatan", "Warnings"),
    "report.count.infos": ("Info", "Notes"),
    "col.complete": ("Lengkap", "Complete"),
    "col.partial": ("Sebagian", "Partial"),
    "col.missing": ("Kosong", "Missing"),
    "col.indicators": ("Indikator", "Indicators"),
    "col.share": ("% kesiapan", "% ready"),
    "col.share_complete": ("% lengkap", "% complete"),
    "col.responsible": ("OPD penanggung jawab", "Responsible OPDs"),
    "col.suppliers": ("OPD pengirim bukti", "OPDs that sent evidence"),
    "col.responsible_for": ("Tanggung jawab", "Responsible for"),
    "col.severity": ("Tingkat", "Severity"),
    "col.rule": ("Aturan", "Rule"),
    "col.path": ("Berkas", "File"),
    "col.message": ("Temuan", "Finding"),
    "col.left_out": ("Alasan tidak dimasukkan", "Why left out"),
    "col.remedy": ("Saran", "Remedy"),
    "col.type": ("Jenis bukti", "Evidence type"),
    "col.year": ("Tahun", "Year"),
    "col.pages": ("Halaman", "Pages"),
    "col.size_kb": ("Ukuran (KB)", "Size (KB)"),
    "col.kind": ("Format", "Format"),
    "col.file_status": ("Kondisi berkas", "File condition"),
    "col.source_indicator": ("Dasar indikator", "Indicator from"),
    "col.source_type": ("Dasar jenis", "Type from"),
    "col.source_year": ("Dasar tahun", "Year from"),
    "col.note": ("Catatan", "Note"),
    "source.manifest": ("manifest", "manifest"),
    "source.name": ("nama berkas", "file name"),
    "source.folder": ("nama folder", "folder name"),
    "source.text": ("isi dokumen", "document text"),
    "source.ocr": ("isi dokumen (OCR)", "document text (OCR)"),
    "source.metadata": ("metadata", "metadata"),
    "source.exif": ("EXIF foto", "photo EXIF"),
    "source.kind": ("format berkas", "file format"),
    "filestatus.ok": ("baik", "ok"),
    "filestatus.empty": ("kosong", "empty"),
    "filestatus.corrupt": ("rusak", "corrupt"),
    "filestatus.encrypted": ("dilindungi kata sandi", "password-protected"),
    "filestatus.unsupported": ("format tidak didukung", "unsupported format"),
    "filestatus.outdated": ("format terlalu lama", "format too old"),
    "filestatus.bomb": ("bom dekompresi", "decompression bomb"),
    "filestatus.unreadable": ("tidak terbaca", "unreadable"),
    "filestatus.timeout": ("waktu habis", "timed out"),
    "kind.image": ("gambar", "image"),
    "kind.other": ("lainnya", "other"),
    "html.readiness": ("Kesiapan dokumen", "Documentation readiness"),
    "html.of_max": ("dari {maximum}", "of {maximum}"),
    "html.nav": ("Bagian laporan", "Report sections"),
    "html.summary": ("Ringkasan", "Summary"),
    "html.clusters": ("Kemajuan per klaster", "Progress per cluster"),
    "html.opds": ("Kelengkapan per OPD", "Completion per OPD"),
    "html.opds_hint": (
        "Indikator yang menjadi tanggung jawab tiap OPD; yang paling tertinggal di atas.",
        "Indicators each OPD is responsible for; the furthest behind first.",
    ),
    "html.opds_chart": (
        "Grafik kelengkapan indikator per OPD",
        "Chart of indicator completion per OPD",
    ),
    "html.opd_points": (
        "{score} dari {maximum} poin",
        "{score} of {maximum} {maximum:point|points}",
    ),
    "html.complete_of": ("{complete}/{total} lengkap", "{complete}/{total} complete"),
    "html.points_of": (
        "{points} dari {maximum} poin",
        "{points} of {maximum} {maximum:point|points}",
    ),
    "html.indicators": ("Indikator", "Indicators"),
    "html.findings": ("Temuan", "Findings"),
    "html.filter.all": ("Semua", "All"),
    "html.filter.no_opd": ("(tanpa OPD)", "(no OPD)"),
    "html.filter.shown": (
        "Menampilkan {shown} dari {total} temuan",
        "Showing {shown} of {total} {total:finding|findings}",
    ),
    "html.no_findings": (
        "Tidak ada temuan. Semua bukti siap.",
        "No findings. All evidence is ready.",
    ),
    "html.no_match": (
        "Tidak ada temuan yang cocok dengan saringan ini.",
        "No findings match this filter.",
    ),
    "html.generated": (
        "Dibuat oleh kladoc {version} pada {date}.",
        "Generated by kladoc {version} on {date}.",
    ),
    "md.indicators": (
        "Indikator: {complete} lengkap, {partial} sebagian, {missing} kosong",
        "Indicators: {complete} complete, {partial} partial, {missing} missing",
    ),
    "md.findings": (
        "Temuan: {errors} galat, {warnings} peringatan, {infos} info",
        "Findings: {errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}, "
        "{infos} {infos:note|notes}",
    ),
    "md.files": ("Berkas bukti: {files}", "Evidence files: {files}"),
    "md.note": (
        "Perkiraan kelengkapan dokumen, bukan nilai resmi.",
        "Documentation estimate, not the official score.",
    ),
    "md.gaps": ("Kekurangan per klaster", "Gaps per cluster"),
    "md.cluster": (
        "{cluster}: {complete}/{total} lengkap",
        "{cluster}: {complete}/{total} complete",
    ),
    "md.gap_missing_group": ("Belum ada bukti: {codes}", "No evidence yet: {codes}"),
    "md.gap_questions_group": (
        "Pertanyaan baru sebagian terpenuhi (terpenuhi/jumlah): {codes}",
        "Questions only partly satisfied (satisfied/total): {codes}",
    ),
    "md.questions": (
        "Pertanyaan: {complete} lengkap, {partial} sebagian, {missing} kosong dari {total}",
        "Questions: {complete} complete, {partial} partial, {missing} missing of {total}",
    ),
    "md.gap_partial_group": ("Kurang {types}: {codes}", "Lacking {types}: {codes}"),
    "md.no_opd": ("(tanpa OPD)", "(no OPD)"),
    "md.no_gaps": ("Semua indikator lengkap.", "All indicators are complete."),
    "md.top_findings": ("Temuan penting", "Key findings"),
}

# Rules: meaning (for `kladoc rules`), message (one finding), remedy (what to do).
_RULES: dict[str, dict[str, tuple[str, str]]] = {
    "missing-indicator": {
        "meaning": (
            "Indikator belum punya bukti dukung yang dapat dipakai.",
            "An indicator has no usable evidence.",
        ),
        "message": (
            "Indikator {indicator} ({title}) belum punya bukti; OPD penanggung jawab: {opds}",
            "Indicator {indicator} ({title}) has no evidence; responsible OPDs: {opds}",
        ),
        "remedy": (
            "Minta OPD penanggung jawab mengirim bukti ke folder mereka.",
            "Ask the responsible OPDs to put evidence in their folders.",
        ),
    },
    "missing-evidence-type": {
        "meaning": (
            "Indikator masih kurang satu jenis bukti wajib.",
            "An indicator lacks one of its required evidence types.",
        ),
        "message": (
            "Indikator {indicator} ({title}) belum punya bukti jenis: {type}",
            "Indicator {indicator} ({title}) has no evidence of type: {type}",
        ),
        "remedy": (
            "Tambahkan dokumen jenis itu dari tahun yang dievaluasi atau tahun "
            "sebelumnya; sebut jenisnya di nama berkas.",
            "Add a document of that type from the evaluated year or the year before; "
            "name the type in the file name.",
        ),
    },
    "questions-missing": {
        "meaning": (
            "Pertanyaan sebuah indikator yang belum punya bukti maupun jawaban (satu temuan per "
            "indikator).",
            "Questions of an indicator with neither evidence nor an answer (one finding per "
            "indicator).",
        ),
        "message": (
            "Indikator {indicator}: {count} pertanyaan belum ada apa pun: {codes}",
            "Indicator {indicator}: {count} {count:question has|questions have} nothing yet: "
            "{codes}",
        ),
        "remedy": (
            "Minta OPD Sumber Data mengirim bukti per pertanyaan (nama berkas diawali kodenya, "
            'mis. "1.2a …") dan mengisi jawaban.xlsx.',
            "Ask the Sumber Data OPDs for evidence per question (file names starting with its "
            'code, e.g. "1.2a …") and to fill in jawaban.xlsx.',
        ),
    },
    "questions-partial": {
        "meaning": (
            "Pertanyaan yang buktinya baru sebagian dari yang diminta (satu temuan per indikator).",
            "Questions with only part of the requested evidence (one finding per indicator).",
        ),
        "message": (
            "Indikator {indicator}: {count} pertanyaan baru sebagian: {codes}",
            "Indicator {indicator}: {count} {count:question is|questions are} only partly "
            "evidenced: {codes}",
        ),
        "remedy": (
            "Lengkapi lampiran yang disebut dalam kurung untuk setiap pertanyaan.",
            "Attach what is named in brackets for each question.",
        ),
    },
    "answer-without-evidence": {
        "meaning": (
            "Jawaban positif untuk pertanyaan yang meminta lampiran, tanpa berkas yang dapat "
            "dipakai: verifikator akan memotong nilainya.",
            "A positive answer to a question that asks for an attachment, with no usable "
            "file: verification will cut its score.",
        ),
        "message": (
            "{question}: dijawab '{value}' tetapi belum ada lampiran ({requested})",
            "{question}: answered '{value}' but nothing is attached ({requested})",
        ),
        "remedy": (
            "Lampirkan buktinya dengan kode pertanyaan di nama berkas, atau ubah jawabannya.",
            "Attach the evidence with the question code in its file name, or change the answer.",
        ),
    },
    "evidence-without-answer": {
        "meaning": (
            "Pertanyaan yang sudah punya bukti tetapi belum dijawab di jawaban.xlsx (satu "
            "temuan per indikator).",
            "Questions with evidence but no answer in jawaban.xlsx (one finding per indicator).",
        ),
        "message": (
            "Indikator {indicator}: {count} pertanyaan punya bukti tetapi belum dijawab: {codes}",
            "Indicator {indicator}: {count} {count:question has|questions have} evidence but no "
            "answer: {codes}",
        ),
        "remedy": (
            "Isi kolom jawaban untuk pertanyaan itu di jawaban.xlsx.",
            "Fill in the jawaban column for those questions in jawaban.xlsx.",
        ),
    },
    "unmapped-file": {
        "meaning": (
            "Berkas tidak dapat dipetakan ke indikator mana pun.",
            "A file cannot be mapped to any indicator.",
        ),
        "message": ("{path}: {detail}", "{path}: {detail}"),
        "remedy": (
            'Pindahkan ke folder indikator (mis. "12 Persalinan") atau awali namanya '
            "dengan kode indikator, atau catat di bukti.xlsx.",
            'Move it into an indicator folder (e.g. "12 Persalinan"), start its name '
            "with the indicator code, or list it in bukti.xlsx.",
        ),
    },
    "unknown-indicator": {
        "meaning": (
            "Nama berkas/folder memuat kode indikator yang tidak ada di daftar periksa.",
            "A file or folder name carries a code the checklist does not have.",
        ),
        "message": (
            "{path}: kode '{code}' tidak ada di daftar periksa",
            "{path}: code '{code}' is not in the checklist",
        ),
        "remedy": (
            "Perbaiki kode di nama folder/berkas (lihat `kladoc checklist`).",
            "Correct the code in the folder or file name (see `kladoc checklist`).",
        ),
    },
    "unknown-question": {
        "meaning": (
            "Kode pertanyaan di nama berkas/folder, bukti.xlsx atau jawaban.xlsx tidak ada "
            "di daftar periksa.",
            "A question code in a file or folder name, bukti.xlsx or jawaban.xlsx is not in "
            "the checklist.",
        ),
        "message": (
            "{path}{at}: pertanyaan '{code}' tidak ada di daftar periksa",
            "{path}{at}: question '{code}' is not in the checklist",
        ),
        "remedy": (
            "Perbaiki kode pertanyaan (mis. 1.2a, 21a.3; lihat `kladoc checklist --format "
            "json`); berkas ini tidak dihitung untuk pertanyaan mana pun.",
            "Correct the question code (e.g. 1.2a, 21a.3; see `kladoc checklist --format "
            "json`); the file counts for no question until then.",
        ),
    },
    "question-unassigned": {
        "meaning": (
            "Berkas hanya sampai ke indikatornya: tidak jelas untuk pertanyaan mana, jadi "
            "tidak dihitung untuk pertanyaan mana pun.",
            "A file reaches only its indicator: which question it answers is not said, so it "
            "counts for no question.",
        ),
        "message": (
            "{path}: indikator {indicator}, tetapi pertanyaannya tidak disebut",
            "{path}: indicator {indicator}, but no question is named",
        ),
        "remedy": (
            'Awali nama berkas dengan kode pertanyaan (mis. "1.2a …") atau isi kolom '
            "pertanyaan di bukti.xlsx.",
            'Start the file name with the question code (e.g. "1.2a …") or fill the '
            "pertanyaan column of bukti.xlsx.",
        ),
        "remedy_for": (
            'Awali nama berkas dengan kode pertanyaan (mis. "{example} …") atau isi kolom '
            "pertanyaan di bukti.xlsx. Pertanyaan yang meminta bukti seperti ini: {candidates}",
            'Start the file name with the question code (e.g. "{example} …") or fill the '
            "pertanyaan column of bukti.xlsx. Questions asking for evidence like this: "
            "{candidates}",
        ),
    },
    "answer-invalid": {
        "meaning": (
            "Jawaban di jawaban.xlsx tidak sesuai yang diminta (mis. teks untuk pertanyaan "
            "yang meminta angka).",
            "An answer in jawaban.xlsx is not what the question asks for (e.g. text where a "
            "number is asked).",
        ),
        "message": (
            "{path} baris {row}: jawaban '{value}' untuk {question}: {detail}",
            "{path} row {row}: answer '{value}' to {question}: {detail}",
        ),
        "remedy": (
            "Tulis angkanya saja (mis. 87,5) untuk pertanyaan yang meminta angka, atau "
            '"Tidak"/"Belum" bila belum ada.',
            'Write just the number (e.g. 87.5) where a number is asked, or "Tidak"/"Belum" '
            "when there is none.",
        ),
    },
    "answer-conflict": {
        "meaning": (
            "Dua jawaban.xlsx memberi jawaban berbeda untuk pertanyaan yang sama; jawaban di "
            "jawaban.xlsx utama (folder dossier) yang dipakai.",
            "Two jawaban.xlsx give different answers to the same question; the main "
            "workbook's (dossier folder) answer is used.",
        ),
        "message": (
            "{question}: '{value}' di {path} berbeda dengan '{kept}' di {kept_path}",
            "{question}: '{value}' in {path} differs from '{kept}' in {kept_path}",
        ),
        "remedy": (
            "Samakan jawabannya; jawaban di jawaban.xlsx utama yang dikirim.",
            "Make the answers agree; the main jawaban.xlsx answer is what is submitted.",
        ),
    },
    "ambiguous-indicator": {
        "meaning": (
            "Kode indikator tidak lengkap sehingga bisa berarti beberapa indikator.",
            "An incomplete code could mean several indicators.",
        ),
        "message": (
            "{path}: kode '{code}' bisa berarti {candidates}",
            "{path}: code '{code}' could mean {candidates}",
        ),
        "remedy": (
            "Tulis kode lengkap dengan hurufnya, mis. 21a atau 21b.",
            "Write the full code with its letter, e.g. 21a or 21b.",
        ),
    },
    "opd-guessed": {
        "meaning": (
            "Nama folder OPD salah ketik sedikit; dianggap OPD yang paling mirip.",
            "An OPD folder name has a small typo; it is read as the closest OPD.",
        ),
        "message": (
            "Folder '{folder}' dianggap {name}",
            "Folder '{folder}' taken to be {name}",
        ),
        "remedy": (
            "Bila benar, perbaiki ejaan nama folder; bila salah, tambahkan alias di "
            "[opd_aliases] kladoc.toml.",
            "If that is right, fix the folder name's spelling; if not, add an alias in "
            "[opd_aliases] of kladoc.toml.",
        ),
    },
    "unknown-opd": {
        "meaning": (
            "Folder teratas tidak cocok dengan nama OPD mana pun.",
            "A top-level folder matches no OPD name.",
        ),
        "message": (
            "Folder '{folder}' tidak dikenali sebagai OPD; berkasnya tetap diperiksa",
            "Folder '{folder}' is not recognised as an OPD; its files are still checked",
        ),
        "remedy": (
            "Ganti nama folder dengan nama resmi OPD, atau tambahkan alias di "
            "[opd_aliases] kladoc.toml.",
            "Rename the folder to the OPD's official name, or add an alias in "
            "[opd_aliases] of kladoc.toml.",
        ),
    },
    "wrong-opd": {
        "meaning": (
            "OPD pengirim bukan penanggung jawab indikator ini menurut daftar periksa.",
            "The supplying OPD is not among the indicator's responsible OPDs.",
        ),
        "message": (
            "{path}: indikator {indicator} biasanya dari {expected}",
            "{path}: indicator {indicator} normally comes from {expected}",
        ),
        "remedy": (
            "Pastikan berkas ditaruh di indikator yang benar; abaikan bila memang "
            "kontribusi OPD ini.",
            "Make sure the file is under the right indicator; ignore if this OPD really "
            "contributes it.",
        ),
    },
    "manifest-error": {
        "meaning": ("Baris bukti.xlsx tidak dapat dipakai.", "A bukti.xlsx row cannot be used."),
        "message": ("{path}: {detail}", "{path}: {detail}"),
        "remedy": (
            "Perbaiki baris itu di bukti.xlsx: berkas harus ada di folder OPD ini, kode "
            "indikator, jenis dan tahun harus sah.",
            "Fix that row of bukti.xlsx: the file must exist inside this OPD folder and "
            "the code, type and year must be valid.",
        ),
    },
    "corrupt": {
        "meaning": (
            "Berkas rusak atau isinya tidak sesuai jenisnya.",
            "The file is damaged or its content does not match its type.",
        ),
        "message": ("{path}: berkas rusak ({detail})", "{path}: damaged file ({detail})"),
        "remedy": (
            "Minta salinan asli dari OPD, atau pindai/ekspor ulang dokumen ke PDF.",
            "Ask the OPD for the original, or scan/export the document to PDF again.",
        ),
    },
    "encrypted": {
        "meaning": (
            "Berkas dilindungi kata sandi sehingga tidak dapat dibuka.",
            "The file is password-protected and cannot be opened.",
        ),
        "message": ("{path}: dilindungi kata sandi", "{path}: password-protected"),
        "remedy": (
            "Minta OPD mengirim versi tanpa kata sandi (buka lalu simpan ulang tanpa proteksi).",
            "Ask the OPD for a copy without a password (open it and save it again "
            "without protection).",
        ),
    },
    "empty": {
        "meaning": ("Berkas berukuran 0 byte.", "The file is zero bytes."),
        "message": ("{path}: berkas kosong (0 byte)", "{path}: empty file (0 bytes)"),
        "remedy": (
            "Salin ulang berkas dari sumbernya; salinan ini gagal.",
            "Copy the file again from its source; this copy failed.",
        ),
    },
    "unreadable": {
        "meaning": (
            "Berkas atau folder tidak dapat dibaca (izin akses).",
            "A file or folder cannot be read (permissions).",
        ),
        "message": ("{path}: tidak dapat dibaca ({detail})", "{path}: cannot be read ({detail})"),
        "remedy": (
            "Periksa izin akses berkas atau tutup program yang sedang memakainya.",
            "Check the file's permissions or close the program that holds it.",
        ),
    },
    "timeout": {
        "meaning": (
            "Pemeriksaan berkas melewati batas waktu dan dihentikan.",
            "Inspecting the file took too long and was abandoned.",
        ),
        "message": (
            "{path}: pemeriksaan dihentikan ({detail})",
            "{path}: inspection abandoned ({detail})",
        ),
        "remedy": (
            "Buka berkas di komputer; bila lambat atau macet, simpan ulang sebagai PDF baru.",
            "Open the file on a computer; if it is slow or hangs, save it again as a new PDF.",
        ),
    },
    "decompression-bomb": {
        "meaning": (
            "Isi berkas mengembang jauh melebihi ukurannya (bom dekompresi).",
            "The file expands far beyond its size (a decompression bomb).",
        ),
        "message": (
            "{path}: isi terlalu besar untuk dibuka dengan aman ({detail})",
            "{path}: content too large to open safely ({detail})",
        ),
        "remedy": (
            "Jangan pakai berkas ini; minta salinan asli dari OPD.",
            "Do not use this file; ask the OPD for the original.",
        ),
    },
    "unsupported-type": {
        "meaning": (
            "Jenis berkas tidak didukung untuk bukti dukung.",
            "The file type is not supported as evidence.",
        ),
        "message": (
            "{path}: jenis berkas {suffix} tidak didukung",
            "{path}: file type {suffix} is not supported",
        ),
        "remedy": (
            "Ubah ke PDF, JPG/PNG, DOCX atau XLSX.",
            "Convert it to PDF, JPG/PNG, DOCX or XLSX.",
        ),
    },
    "format-too-old": {
        "meaning": (
            "Berkas sah tetapi formatnya terlalu lama (mis. Excel 4.0, Word 2.0) untuk dipakai.",
            "A valid file in a format too old to use (e.g. Excel 4.0, Word 2.0).",
        ),
        "message": (
            "{path}: format berkas terlalu lama ({detail})",
            "{path}: file format too old ({detail})",
        ),
        "remedy": (
            "Buka di Excel/Word atau LibreOffice lalu simpan ulang sebagai .xlsx/.docx (atau PDF).",
            "Open it in Excel/Word or LibreOffice and save it again as .xlsx/.docx (or PDF).",
        ),
    },
    "damaged-content": {
        "meaning": (
            "Sebagian isi halaman PDF (teks atau gambar) rusak dan tidak dapat dibaca.",
            "Part of a PDF's page content (text or images) is damaged and cannot be decoded.",
        ),
        "message": (
            "{path}: isi halaman {pages} rusak dan tidak dapat dibaca sepenuhnya",
            "{path}: the content of page(s) {pages} is damaged and cannot be fully decoded",
        ),
        "remedy": (
            "Minta salinan asli dari OPD, atau pindai/ekspor ulang dokumen ke PDF.",
            "Ask the OPD for the original, or scan/export the document to PDF again.",
        ),
    },
    "too-large": {
        "meaning": (
            "Berkas melebihi batas ukuran unggah.",
            "The file exceeds the upload size limit.",
        ),
        "message": (
            "{path}: {size_mb} MB, melebihi batas {limit_mb} MB",
            "{path}: {size_mb} MB, over the {limit_mb} MB limit",
        ),
        "remedy": (
            "Perkecil berkas (pindai ulang 150 dpi, kompres PDF) atau pecah menjadi "
            "beberapa berkas.",
            "Shrink the file (rescan at 150 dpi, compress the PDF) or split it.",
        ),
    },
    "active-content": {
        "meaning": (
            "Berkas memuat konten aktif (JavaScript, aksi otomatis, lampiran, makro).",
            "The file carries active content (JavaScript, automatic actions, attachments, macros).",
        ),
        "message": ("{path}: memuat {kinds}", "{path}: contains {kinds}"),
        "remedy": (
            "Cetak ulang ke PDF biasa atau simpan sebagai .docx/.xlsx tanpa makro.",
            "Print it again to a plain PDF or save it as .docx/.xlsx without macros.",
        ),
    },
    "duplicate": {
        "meaning": (
            "Isi berkas sama persis dengan berkas lain.",
            "The file has exactly the same content as another.",
        ),
        "message": ("{path}: sama dengan {other}", "{path}: same as {other}"),
        "remedy": (
            "Simpan satu salinan saja di indikator yang tepat.",
            "Keep one copy, under the right indicator.",
        ),
    },
    "stale-year": {
        "meaning": (
            "Tahun dokumen di luar periode evaluasi.",
            "The document's year is outside the evaluation window.",
        ),
        "message": (
            "{path}: tahun {year}, di luar periode {first}–{last}",
            "{path}: year {year}, outside {first}–{last}",
        ),
        "remedy": (
            "Ganti dengan dokumen terbaru (mis. SK yang diperbarui) dari periode evaluasi.",
            "Replace it with a current document (e.g. a renewed SK) from the evaluation window.",
        ),
        "remedy_future": (
            "Tahun ini sesudah tahun evaluasi: periksa tahun di nama berkas atau bukti.xlsx, "
            "atau tahun evaluasi di kladoc.toml.",
            "The year is after the evaluation year: check the year in the file name or "
            "bukti.xlsx, or the evaluation year in kladoc.toml.",
        ),
    },
    "missing-year": {
        "meaning": (
            "Tahun dokumen tidak dapat ditentukan.",
            "The document's year cannot be determined.",
        ),
        "message": ("{path}: tahun dokumen tidak diketahui", "{path}: document year unknown"),
        "remedy": (
            'Tulis tahun di nama berkas (mis. "… 2025.pdf") atau di kolom tahun bukti.xlsx.',
            'Put the year in the file name (e.g. "… 2025.pdf") or the year column of bukti.xlsx.',
        ),
    },
    "unknown-type": {
        "meaning": ("Jenis bukti tidak dapat dikenali.", "The evidence type cannot be recognised."),
        "message": ("{path}: jenis bukti tidak dikenali", "{path}: evidence type not recognised"),
        "remedy": (
            "Sebut jenisnya di nama berkas (SK, Perda, notulen, foto, data, MoU, …) atau "
            "di kolom jenis bukti.xlsx.",
            "Name the type in the file name (SK, Perda, notulen, foto, data, MoU, …) or "
            "the type column of bukti.xlsx.",
        ),
    },
    "no-text-layer": {
        "meaning": ("PDF hasil pindai tanpa lapisan teks.", "A scanned PDF without a text layer."),
        "message": (
            "{path}: tidak ada lapisan teks (hasil pindai)",
            "{path}: no text layer (scanned)",
        ),
        "remedy": (
            "Tidak wajib; bila ada, pakai PDF asli atau OCR agar isinya bisa dicari.",
            "Not required; if available, use the original PDF or OCR it so it is searchable.",
        ),
    },
    "needs-libreoffice": {
        "meaning": (
            "Berkas Word .doc / Excel .xls hanya dapat ditampilkan di dossier bila LibreOffice "
            "terpasang.",
            "A Word .doc / Excel .xls file can be shown in the dossier only when LibreOffice "
            "is installed.",
        ),
        "message": (
            "{path}: tanpa LibreOffice, isi berkas ini tidak dapat ditampilkan di dossier",
            "{path}: without LibreOffice, this file's content cannot be shown in the dossier",
        ),
        "remedy": (
            "Pasang LibreOffice (libreoffice.org) atau simpan ulang berkas sebagai .docx/.xlsx "
            "atau PDF.",
            "Install LibreOffice (libreoffice.org) or save the file again as .docx/.xlsx or PDF.",
        ),
    },
    "repaired": {
        "meaning": (
            "PDF rusak ringan dan berhasil diperbaiki saat dibaca.",
            "A slightly damaged PDF was repaired while reading.",
        ),
        "message": (
            "{path}: diperbaiki saat dibaca ({detail})",
            "{path}: repaired on read ({detail})",
        ),
        "remedy": (
            "Bila bisa, simpan ulang PDF dari sumbernya.",
            "If possible, save the PDF again from its source.",
        ),
    },
    "restricted": {
        "meaning": (
            "PDF memiliki kata sandi pemilik (pembatasan cetak/salin) tetapi dapat dibuka.",
            "A PDF has an owner password (print/copy restrictions) but opens.",
        ),
        "message": (
            "{path}: dibatasi kata sandi pemilik, tetap dapat dipakai",
            "{path}: restricted by an owner password, still usable",
        ),
        "remedy": (
            "Tidak wajib; verifikator mungkin tidak dapat mencetaknya.",
            "Not required; verifiers may be unable to print it.",
        ),
    },
    "attachments-encrypted": {
        "meaning": (
            "Halaman PDF dapat dibuka tanpa kata sandi; hanya lampirannya yang terkunci.",
            "A PDF's pages open without a password; only its attachments are locked.",
        ),
        "message": (
            "{path}: lampiran (embedded files) berkata sandi; halamannya tetap dapat dipakai",
            "{path}: attachments (embedded files) are password-protected; its pages are "
            "still usable",
        ),
        "remedy": (
            "Tidak wajib; lampiran tidak masuk dossier. Bila isinya perlu, minta OPD "
            "mengirimnya sebagai berkas terpisah.",
            "Not required; attachments are not part of the dossier. If their content is "
            "needed, ask the OPD to send it as a separate file.",
        ),
    },
    "link-outside": {
        "meaning": (
            "Tautan simbolik menunjuk ke luar folder dossier; tidak diikuti.",
            "A symbolic link points outside the dossier; it is not followed.",
        ),
        "message": (
            "{path}: tautan ke luar dossier ({target})",
            "{path}: link to outside the dossier ({target})",
        ),
        "remedy": (
            "Salin berkas aslinya ke dalam folder OPD.",
            "Copy the real file into the OPD folder.",
        ),
    },
    "broken-link": {
        "meaning": ("Tautan simbolik rusak atau berputar.", "A symbolic link is broken or loops."),
        "message": ("{path}: tautan rusak atau berputar", "{path}: broken or looping link"),
        "remedy": (
            "Hapus tautan itu dan salin berkas aslinya.",
            "Remove the link and copy the real file.",
        ),
    },
}

for _slug, _parts in _RULES.items():
    for _part, _text in _parts.items():
        MESSAGES[f"rule.{_slug}.{_part}"] = _text
