"""Private files on S3-compatible object storage: configured from the environment, private, streamed by views."""

import boto3
from django.core.files.base import ContentFile
from django.utils.module_loading import import_string

from gongkai import settings as project_settings


def _storage(env, monkeypatch):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    config = project_settings.s3_private_storage()
    return import_string(config["BACKEND"])(**config["OPTIONS"])


def test_without_a_bucket_private_files_stay_in_the_private_folder(monkeypatch):
    monkeypatch.delenv("GONGKAI_S3_BUCKET", raising=False)
    assert project_settings.s3_private_storage() is None
    assert project_settings.STORAGES["private"]["BACKEND"] == "gongkai.core.storage.PrivateStorage"


def test_an_applicants_upload_round_trips_through_the_bucket_and_is_never_public(s3_bucket, monkeypatch):
    storage = _storage(s3_bucket, monkeypatch)
    name = storage.save("requests/2026/身份证明.pdf", ContentFile(b"%PDF-1.4 applicant"))
    again = storage.save("requests/2026/身份证明.pdf", ContentFile(b"%PDF-1.4 another"))
    assert again != name  # an upload never overwrites another applicant's file
    with storage.open(name) as handle:
        assert handle.read() == b"%PDF-1.4 applicant"

    s3 = boto3.client("s3", endpoint_url=s3_bucket["GONGKAI_S3_ENDPOINT_URL"], aws_access_key_id="test",
                      aws_secret_access_key="test", region_name="us-east-1")
    key = f"private/{name}"
    grants = s3.get_object_acl(Bucket=s3_bucket["GONGKAI_S3_BUCKET"], Key=key)["Grants"]
    assert all("AllUsers" not in str(grant.get("Grantee")) for grant in grants)
    storage.delete(name)
    assert not storage.exists(name)
