-- A database written by commit 3d452bc (no schema revision recorded).
BEGIN TRANSACTION;
CREATE TABLE audit_entry (
	seq INTEGER NOT NULL, 
	at VARCHAR(27) NOT NULL, 
	actor VARCHAR NOT NULL, 
	action VARCHAR NOT NULL, 
	message_id INTEGER, 
	batch VARCHAR, 
	from_status VARCHAR, 
	to_status VARCHAR, 
	from_version INTEGER, 
	reason VARCHAR, 
	details TEXT NOT NULL, 
	prev_hash VARCHAR NOT NULL, 
	hash VARCHAR NOT NULL, 
	PRIMARY KEY (seq)
);
INSERT INTO "audit_entry" VALUES(1,'2026-11-28T15:00:00.882964Z','dana','seat',NULL,NULL,NULL,NULL,NULL,NULL,'{"credits":null,"plan":"recruiter","seat":"dana","time_zone":"UTC"}','0000000000000000000000000000000000000000000000000000000000000000','e7fe0e172eefac6542cea91e1972303cafaa26bae20efc1232f6c86554092213');
INSERT INTO "audit_entry" VALUES(2,'2026-11-28T15:00:00.596554Z','dana','add',1,'spring',NULL,'sent',NULL,NULL,'{"body_sha256":"62fcd663eb4f8613c06a00c33094591c42bfc0d6047d129286779ed213e7e3ad","external_id":"sha256:562c2058e54fa47024ae013dba7e3e8d"}','e7fe0e172eefac6542cea91e1972303cafaa26bae20efc1232f6c86554092213','e47bccec5b7d1f54189e6617e501b657351d3adee66e2793d9cf86281b262adb');
INSERT INTO "audit_entry" VALUES(3,'2026-11-28T15:00:00.591558Z','dana','add',2,'spring',NULL,'sent',NULL,NULL,'{"body_sha256":"ee6e2f58c5593d159c6f7718ec52394891196fac0bba0d91d35b46faf7960e33","external_id":"sha256:bc9344332b980abec9ad2d19d03da53e"}','e47bccec5b7d1f54189e6617e501b657351d3adee66e2793d9cf86281b262adb','d3053f4d1f33cbb6e9e46f4e27850a9a4fc60de9fe677897a08161681f75e0da');
INSERT INTO "audit_entry" VALUES(4,'2026-11-28T15:00:00.684858Z','dana','add',3,NULL,NULL,'sent',NULL,NULL,'{"body_sha256":"e57a3a59770eecca309276fa0e779cd53f7a039fc435b08ab3dabcce82519024","external_id":"sha256:51b8bf13540f4f033e64a1c16e5a396a","push":"no"}','d3053f4d1f33cbb6e9e46f4e27850a9a4fc60de9fe677897a08161681f75e0da','13d662d437a7ca743bb995eda1af733cd1acfb0a72f7901460fac903fc4711db');
INSERT INTO "audit_entry" VALUES(5,'2026-11-28T15:00:00.877785Z','dana','recall',1,'spring','sent','recalled',1,'wrong team','{}','13d662d437a7ca743bb995eda1af733cd1acfb0a72f7901460fac903fc4711db','3d9b10f7a4c603eb465b62db5ea6ffe4e5e1c48b8eac520a9613c47d9b9940dc');
INSERT INTO "audit_entry" VALUES(6,'2026-11-28T15:00:00.702974Z','dana','edit',2,'spring','sent','edited',1,'typo','{"body_sha256":"8948480f1bcda246d50b651b72d1457943b355519c54866a26404561670630a9","revision":1}','3d9b10f7a4c603eb465b62db5ea6ffe4e5e1c48b8eac520a9613c47d9b9940dc','1dedeb5bd056a594780c569a87f6678015bfaf8fe7ae464f1a10a6b9f29a9ecd');
INSERT INTO "audit_entry" VALUES(7,'2026-11-28T15:00:00.580084Z','dana','observe',3,NULL,'sent','sent',1,NULL,'{"at":"2026-11-28T13:30:00Z","observed":"opened"}','1dedeb5bd056a594780c569a87f6678015bfaf8fe7ae464f1a10a6b9f29a9ecd','fe9fc9cff405a49208704489e361ca19eeb3de24fdbcf52097ccb1b7408b8a80');
INSERT INTO "audit_entry" VALUES(8,'2026-11-28T15:00:00.568408Z','dana','batch',NULL,'spring',NULL,NULL,NULL,NULL,'{"commercial":true}','fe9fc9cff405a49208704489e361ca19eeb3de24fdbcf52097ccb1b7408b8a80','bfe4677bea7aa589ccd9f42482d0ac22c18bd59bf32a8ea9e5a153b854e740ea');
INSERT INTO "audit_entry" VALUES(9,'2026-11-28T15:00:00.679886Z','dana','comment',2,'spring',NULL,NULL,NULL,'checked with legal','{}','bfe4677bea7aa589ccd9f42482d0ac22c18bd59bf32a8ea9e5a153b854e740ea','00b19fe27c85cf3159e4f376a3703605d9b30ed0ac70d4d02e42d9d488fa5632');
CREATE TABLE audit_head (
	id INTEGER NOT NULL, 
	seq INTEGER NOT NULL, 
	hash VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "audit_head" VALUES(1,9,'00b19fe27c85cf3159e4f376a3703605d9b30ed0ac70d4d02e42d9d488fa5632');
CREATE TABLE batch_setting (
	batch VARCHAR NOT NULL, 
	commercial BOOLEAN, 
	updated_at VARCHAR(27) NOT NULL, 
	PRIMARY KEY (batch)
);
INSERT INTO "batch_setting" VALUES('spring',1,'2026-11-28T15:00:00.568408Z');
CREATE TABLE judgement (
	message_id INTEGER NOT NULL, 
	version INTEGER NOT NULL, 
	basis VARCHAR NOT NULL, 
	codes VARCHAR NOT NULL, 
	top INTEGER NOT NULL, 
	exposure_usd INTEGER NOT NULL, 
	penalties VARCHAR NOT NULL, 
	PRIMARY KEY (message_id), 
	FOREIGN KEY(message_id) REFERENCES message (id)
);
INSERT INTO "judgement" VALUES(1,2,'5e9cd7514ee7d539','NO_OPT_OUT:3 NO_POSTAL_ADDRESS:3',3,53088,'can_spam');
INSERT INTO "judgement" VALUES(2,2,'5e9cd7514ee7d539','NO_POSTAL_ADDRESS:3',3,53088,'can_spam');
INSERT INTO "judgement" VALUES(3,2,'5e9cd7514ee7d539','PLACEHOLDER:3',3,0,'');
CREATE TABLE message (
	id INTEGER NOT NULL, 
	external_id VARCHAR NOT NULL, 
	recipient VARCHAR NOT NULL, 
	recipient_profile_url VARCHAR, 
	recipient_state VARCHAR, 
	open_profile BOOLEAN NOT NULL, 
	channel VARCHAR NOT NULL, 
	seat VARCHAR, 
	batch VARCHAR, 
	subject VARCHAR NOT NULL, 
	body TEXT NOT NULL, 
	sent_at VARCHAR(27) NOT NULL, 
	sent_from VARCHAR NOT NULL, 
	commercial BOOLEAN, 
	commercial_review BOOLEAN, 
	push VARCHAR NOT NULL, 
	opened_at VARCHAR(27), 
	replied_at VARCHAR(27), 
	forwarded_at VARCHAR(27), 
	status VARCHAR NOT NULL, 
	edited_at VARCHAR(27), 
	recalled_at VARCHAR(27), 
	version INTEGER NOT NULL, 
	created_at VARCHAR(27) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (external_id), 
	FOREIGN KEY(seat) REFERENCES seat (name)
);
INSERT INTO "message" VALUES(1,'sha256:562c2058e54fa47024ae013dba7e3e8d','Priya Raman',NULL,NULL,0,'inmail','dana','spring','Backend role','Hi Priya, open to a call?','2026-11-28T14:55:00.581881Z','desktop',NULL,NULL,'unknown',NULL,NULL,NULL,'recalled',NULL,'2026-11-28T15:00:00.877785Z',2,'2026-11-28T15:00:00.596554Z');
INSERT INTO "message" VALUES(2,'sha256:bc9344332b980abec9ad2d19d03da53e','Jason Lee',NULL,'TX',0,'inmail',NULL,'spring','Pricing','Hi Jason, open to a call? Reply STOP to opt out.','2026-11-28T14:40:00.575198Z','desktop',NULL,NULL,'unknown',NULL,NULL,NULL,'edited','2026-11-28T15:00:00.702974Z',NULL,2,'2026-11-28T15:00:00.591558Z');
INSERT INTO "message" VALUES(3,'sha256:51b8bf13540f4f033e64a1c16e5a396a','Mei Chen',NULL,NULL,0,'inmail',NULL,NULL,'Hello [First Name]','Hi [First Name], quick one.','2026-11-28T13:00:00.661717Z','desktop',NULL,NULL,'no','2026-11-28T13:30:00.000000Z',NULL,NULL,'sent',NULL,NULL,2,'2026-11-28T15:00:00.684858Z');
CREATE TABLE message_link (
	external_id VARCHAR NOT NULL, 
	message_id INTEGER NOT NULL, 
	created_at VARCHAR(27) NOT NULL, 
	PRIMARY KEY (external_id), 
	FOREIGN KEY(message_id) REFERENCES message (id)
);
CREATE TABLE revision (
	id INTEGER NOT NULL, 
	message_id INTEGER NOT NULL, 
	number INTEGER NOT NULL, 
	subject VARCHAR NOT NULL, 
	body TEXT NOT NULL, 
	replaced_at VARCHAR(27) NOT NULL, 
	actor VARCHAR NOT NULL, 
	reason VARCHAR, 
	PRIMARY KEY (id), 
	FOREIGN KEY(message_id) REFERENCES message (id)
);
INSERT INTO "revision" VALUES(1,2,1,'Pricing','Hi Priya, our platform cuts hiring costs by 30%. Pricing starts at $400/month. Book a demo this week?','2026-11-28T15:00:00.702974Z','dana','typo');
CREATE TABLE seat (
	name VARCHAR NOT NULL, 
	"plan" VARCHAR NOT NULL, 
	monthly_credits INTEGER, 
	time_zone VARCHAR NOT NULL, 
	commercial BOOLEAN, 
	created_at VARCHAR(27) NOT NULL, 
	PRIMARY KEY (name)
);
INSERT INTO "seat" VALUES('dana','recruiter',NULL,'UTC',NULL,'2026-11-28T15:00:00.882964Z');
CREATE INDEX ix_audit_entry_message_id ON audit_entry (message_id);
CREATE INDEX ix_message_sent_at ON message (sent_at);
CREATE INDEX ix_message_batch ON message (batch);
CREATE INDEX ix_revision_message_id ON revision (message_id);
CREATE INDEX ix_message_link_message_id ON message_link (message_id);
COMMIT;
