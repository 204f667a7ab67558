from gongkai.catalog.services import publish_scheduled
from gongkai.core.commands import GongkaiCommand


class Command(GongkaiCommand):
    help = "发布已通过终审、定时发布时间已到的信息。由 cron 每分钟或每小时运行；每条只发布一次。"

    def handle(self, *args, **options):
        done = publish_scheduled()
        for review in done:
            self.stdout.write(f"已发布：{review.item.index_number} {review.item.title}")
        self.stdout.write(f"本次发布 {len(done)} 条")
