-- A database written by commit 8459ad6 (no schema revision recorded).
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
INSERT INTO "audit_entry" VALUES(1,'2026-11-28T15:00:00.456227Z','dana','seat',NULL,NULL,NULL,NULL,NULL,NULL,'{"credits":null,"plan":"recruiter","seat":"dana","time_zone":"UTC"}','0000000000000000000000000000000000000000000000000000000000000000','2bf113dcaf58be26bb23082ec4b749cfcf5b87c74c65fad8e2f62ac46b715320');
INSERT INTO "audit_entry" VALUES(2,'2026-11-28T15:00:00.411039Z','dana','add',1,'spring',NULL,'sent',NULL,NULL,'{"body_sha256":"62fcd663eb4f8613c06a00c33094591c42bfc0d6047d129286779ed213e7e3ad","external_id":"sha256:3d094e95eb5a1c48b87d17e8043a7cd5"}','2bf113dcaf58be26bb23082ec4b749cfcf5b87c74c65fad8e2f62ac46b715320','3d5f37f14ee4ef2c3f70f1abdb35a966478d291d9c6cfdcbb3a742c189e6c99d');
INSERT INTO "audit_entry" VALUES(3,'2026-11-28T15:00:00.623477Z','dana','add',2,'spring',NULL,'sent',NULL,NULL,'{"body_sha256":"ee6e2f58c5593d159c6f7718ec52394891196fac0bba0d91d35b46faf7960e33","external_id":"sha256:bf575b53e48a09db4cd329037b2979b9"}','3d5f37f14ee4ef2c3f70f1abdb35a966478d291d9c6cfdcbb3a742c189e6c99d','bf7a020c321d1fbeab3da8810b1da4282f655314ab159fbd1522fad9ad4ab5a3');
INSERT INTO "audit_entry" VALUES(4,'2026-11-28T15:00:00.421119Z','dana','add',3,NULL,NULL,'sent',NULL,NULL,'{"body_sha256":"e57a3a59770eecca309276fa0e779cd53f7a039fc435b08ab3dabcce82519024","external_id":"sha256:b7b0a6ea5e405d489a211166e19a9cac","push":"no"}','bf7a020c321d1fbeab3da8810b1da4282f655314ab159fbd1522fad9ad4ab5a3','f7e61e2cdf6f61ae1c2696dc8d479bde4d5d1d24a33fd776152337f51d6e807e');
INSERT INTO "audit_entry" VALUES(5,'2026-11-28T15:00:00.387160Z','dana','recall',1,'spring','sent','recalled',1,'wrong team','{}','f7e61e2cdf6f61ae1c2696dc8d479bde4d5d1d24a33fd776152337f51d6e807e','7634ff5ca3543849dd9632a2d7ead610ea70e9cd8a7c333179ffde15e2f5c866');
INSERT INTO "audit_entry" VALUES(6,'2026-11-28T15:00:00.366515Z','dana','edit',2,'spring','sent','edited',1,'typo','{"body_sha256":"8948480f1bcda246d50b651b72d1457943b355519c54866a26404561670630a9","revision":1}','7634ff5ca3543849dd9632a2d7ead610ea70e9cd8a7c333179ffde15e2f5c866','cb29fa92de2d5b61f9caf357d2eda1cef217428757cb94d901741aaa7de0e642');
INSERT INTO "audit_entry" VALUES(7,'2026-11-28T15:00:00.410119Z','dana','observe',3,NULL,'sent','sent',1,NULL,'{"at":"2026-11-28T13:30:00Z","observed":"opened"}','cb29fa92de2d5b61f9caf357d2eda1cef217428757cb94d901741aaa7de0e642','69728c3778ba20f2c189c0b69f318783dbbbbae0e2c38828c45b142d422f78f6');
INSERT INTO "audit_entry" VALUES(8,'2026-11-28T15:00:00.484956Z','dana','batch',NULL,'spring',NULL,NULL,NULL,NULL,'{"commercial":true}','69728c3778ba20f2c189c0b69f318783dbbbbae0e2c38828c45b142d422f78f6','3b3994a10db82609d888c656486199af380cb78af7f8ed6260d9344785077b3b');
INSERT INTO "audit_entry" VALUES(9,'2026-11-28T15:00:00.456825Z','dana','commercial',3,NULL,'sent','sent',2,'internal','{"commercial":false}','3b3994a10db82609d888c656486199af380cb78af7f8ed6260d9344785077b3b','c0c321f23cd1b2cbf557f4646615b709ee3b8f4f5140d38bdf8dca5dbd3ccac5');
CREATE TABLE audit_head (
	id INTEGER NOT NULL, 
	seq INTEGER NOT NULL, 
	hash VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "audit_head" VALUES(1,9,'c0c321f23cd1b2cbf557f4646615b709ee3b8f4f5140d38bdf8dca5dbd3ccac5');
CREATE TABLE batch_setting (
	batch VARCHAR NOT NULL, 
	commercial BOOLEAN, 
	updated_at VARCHAR(27) NOT NULL, 
	PRIMARY KEY (batch)
);
INSERT INTO "batch_setting" VALUES('spring',1,'2026-11-28T15:00:00.484956Z');
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
INSERT INTO "message" VALUES(1,'sha256:3d094e95eb5a1c48b87d17e8043a7cd5','Priya Raman',NULL,NULL,0,'inmail','dana','spring','Backend role','Hi Priya, open to a call?','2026-11-28T14:55:00.403116Z','desktop',NULL,NULL,'unknown',NULL,NULL,NULL,'recalled',NULL,'2026-11-28T15:00:00.387160Z',2,'2026-11-28T15:00:00.411039Z');
INSERT INTO "message" VALUES(2,'sha256:bf575b53e48a09db4cd329037b2979b9','Jason Lee',NULL,'TX',0,'inmail',NULL,'spring','Pricing','Hi Jason, open to a call? Reply STOP to opt out.','2026-11-28T14:40:00.617014Z','desktop',NULL,NULL,'unknown',NULL,NULL,NULL,'edited','2026-11-28T15:00:00.366515Z',NULL,2,'2026-11-28T15:00:00.623477Z');
INSERT INTO "message" VALUES(3,'sha256:b7b0a6ea5e405d489a211166e19a9cac','Mei Chen',NULL,NULL,0,'inmail',NULL,NULL,'Hello [First Name]','Hi [First Name], quick one.','2026-11-28T13:00:00.414822Z','desktop',NULL,0,'no','2026-11-28T13:30:00.000000Z',NULL,NULL,'sent',NULL,NULL,3,'2026-11-28T15:00:00.421119Z');
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
INSERT INTO "revision" VALUES(1,2,1,'Pricing','Hi Priya, our platform cuts hiring costs by 30%. Pricing starts at $400/month. Book a demo this week?','2026-11-28T15:00:00.366515Z','dana','typo');
CREATE TABLE seat (
	name VARCHAR NOT NULL, 
	"plan" VARCHAR NOT NULL, 
	monthly_credits INTEGER, 
	time_zone VARCHAR NOT NULL, 
	commercial BOOLEAN, 
	created_at VARCHAR(27) NOT NULL, 
	PRIMARY KEY (name)
);
INSERT INTO "seat" VALUES('dana','recruiter',NULL,'UTC',NULL,'2026-11-28T15:00:00.456227Z');
CREATE INDEX ix_audit_entry_message_id ON audit_entry (message_id);
CREATE INDEX ix_message_sent_at ON message (sent_at);
CREATE INDEX ix_message_batch ON message (batch);
CREATE INDEX ix_revision_message_id ON revision (message_id);
CREATE INDEX ix_message_link_message_id ON message_link (message_id);
COMMIT;
