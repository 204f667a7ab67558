"""What an item's attachment may be: office documents, PDF/OFD, images, archives; never a program."""

from pathlib import PurePosixPath

MAX_BYTES = 20 * 1024 * 1024
ALLOWED = ("pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et", "ppt", "pptx", "txt", "csv", "jpg", "jpeg",
           "png", "gif", "zip")
EXECUTABLE = {"exe", "com", "bat", "cmd", "msi", "scr", "pif", "dll", "sys", "cpl", "vbs", "vbe", "js", "jse", "jar",
              "ps1", "psm1", "sh", "bash", "py", "pl", "php", "asp", "aspx", "jsp", "cgi", "hta", "lnk", "reg",
              "apk", "app", "dmg", "deb", "rpm", "elf", "bin", "run", "wsf", "html", "htm", "svg"}
# The first bytes of programs, whatever the name says: Windows PE, ELF, Mach-O, Java class, scripts.
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
LABEL = "附件"


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def upload_problem(upload) -> str | None:
    """A Chinese message naming the field when the upload may not be attached; None when it may."""
    name = PurePosixPath((upload.name or "").replace("\\", "/")).name
    suffixes = [s.lstrip(".").lower() for s in PurePosixPath(name).suffixes]
    if not suffixes:
        return f"{LABEL}：文件“{name}”没有扩展名，无法判断类型（允许：{'、'.join(ALLOWED)}）"
    bad = [s for s in suffixes if s in EXECUTABLE]
    if bad:
        return f"{LABEL}：不允许上传可执行文件或脚本（.{bad[-1]}）"
    if suffixes[-1] not in ALLOWED:
        return f"{LABEL}：文件类型 .{suffixes[-1]} 不在允许范围内（允许：{'、'.join(ALLOWED)}）"
    if not upload.size:
        return f"{LABEL}：文件“{name}”是空文件"
    if upload.size > MAX_BYTES:
        return f"{LABEL}：文件大小 {_megabytes(upload.size)} 超过 {_megabytes(MAX_BYTES)} 的上限"
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(EXECUTABLE_MAGIC):
        return f"{LABEL}：文件“{name}”的内容是可执行程序，不允许上传"
    return None
