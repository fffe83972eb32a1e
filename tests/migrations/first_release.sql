-- A database written by commit fdd66d5 (no schema revision recorded).
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
INSERT INTO "audit_entry" VALUES(1,'2026-11-28T15:00:00.023101Z','dana','seat',NULL,NULL,NULL,NULL,NULL,NULL,'{"credits":null,"plan":"recruiter","seat":"dana","time_zone":"UTC"}','0000000000000000000000000000000000000000000000000000000000000000','c9cd0c78758c5525a6a1f91b8187f7e88f33bef02e7fbfd63f2e11c2a6fe2dc2');
INSERT INTO "audit_entry" VALUES(2,'2026-11-28T15:00:00.019041Z','dana','add',1,'spring',NULL,'sent',NULL,NULL,'{"body_sha256":"62fcd663eb4f8613c06a00c33094591c42bfc0d6047d129286779ed213e7e3ad","external_id":"sha256:ebdbc911be2b55e9f14c1e5ca6e341ce"}','c9cd0c78758c5525a6a1f91b8187f7e88f33bef02e7fbfd63f2e11c2a6fe2dc2','479c489084b99f68a5dc7a315655a1bdd9426de831b23ba4af0e377b96fdd473');
INSERT INTO "audit_entry" VALUES(3,'2026-11-28T15:00:00.010258Z','dana','add',2,'spring',NULL,'sent',NULL,NULL,'{"body_sha256":"ee6e2f58c5593d159c6f7718ec52394891196fac0bba0d91d35b46faf7960e33","external_id":"sha256:fb7a88e6f49cb9eeb97bed235ed8fab4"}','479c489084b99f68a5dc7a315655a1bdd9426de831b23ba4af0e377b96fdd473','cc2bb49cfda0d65d83b05db97175d2b886a8f2be70b2ef557840a950b8fa1c7d');
INSERT INTO "audit_entry" VALUES(4,'2026-11-28T15:00:00.019733Z','dana','add',3,NULL,NULL,'sent',NULL,NULL,'{"body_sha256":"e57a3a59770eecca309276fa0e779cd53f7a039fc435b08ab3dabcce82519024","external_id":"sha256:32dcacacb113e299795b478439a13abd","push":"no"}','cc2bb49cfda0d65d83b05db97175d2b886a8f2be70b2ef557840a950b8fa1c7d','e41038d9cca19a1706446ecab06f3241bce9bc652dd01fe84a6ce9796d720d3a');
INSERT INTO "audit_entry" VALUES(5,'2026-11-28T15:00:00.024783Z','dana','recall',1,'spring','sent','recalled',1,'wrong team','{}','e41038d9cca19a1706446ecab06f3241bce9bc652dd01fe84a6ce9796d720d3a','42770868b71a1746c0091ac04882af1c5f400a9169a336a997508d8a0b98a54e');
INSERT INTO "audit_entry" VALUES(6,'2026-11-28T15:00:00.020844Z','dana','edit',2,'spring','sent','edited',1,'typo','{"body_sha256":"8948480f1bcda246d50b651b72d1457943b355519c54866a26404561670630a9","revision":1}','42770868b71a1746c0091ac04882af1c5f400a9169a336a997508d8a0b98a54e','acca18c08480945513f49c5f5e8557a8ef883b0aaa1af5a27ea509db6d3376ae');
INSERT INTO "audit_entry" VALUES(7,'2026-11-28T15:00:00.009527Z','dana','observe',3,NULL,'sent','sent',1,NULL,'{"at":"2026-11-28T13:30:00Z","observed":"opened"}','acca18c08480945513f49c5f5e8557a8ef883b0aaa1af5a27ea509db6d3376ae','1572a77770fe1fa82afef387ce908567a1ead06dc11adf11e0fe569ce35942fd');
CREATE TABLE audit_head (
	id INTEGER NOT NULL, 
	seq INTEGER NOT NULL, 
	hash VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "audit_head" VALUES(1,7,'1572a77770fe1fa82afef387ce908567a1ead06dc11adf11e0fe569ce35942fd');
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
INSERT INTO "message" VALUES(1,'sha256:ebdbc911be2b55e9f14c1e5ca6e341ce','Priya Raman',NULL,NULL,0,'inmail','dana','spring','Backend role','Hi Priya, open to a call?','2026-11-28T14:55:00.018999Z','desktop',NULL,'unknown',NULL,NULL,NULL,'recalled',NULL,'2026-11-28T15:00:00.024783Z',2,'2026-11-28T15:00:00.019041Z');
INSERT INTO "message" VALUES(2,'sha256:fb7a88e6f49cb9eeb97bed235ed8fab4','Jason Lee',NULL,'TX',0,'inmail',NULL,'spring','Pricing','Hi Jason, open to a call? Reply STOP to opt out.','2026-11-28T14:40:00.010208Z','desktop',NULL,'unknown',NULL,NULL,NULL,'edited','2026-11-28T15:00:00.020844Z',NULL,2,'2026-11-28T15:00:00.010258Z');
INSERT INTO "message" VALUES(3,'sha256:32dcacacb113e299795b478439a13abd','Mei Chen',NULL,NULL,0,'inmail',NULL,NULL,'Hello [First Name]','Hi [First Name], quick one.','2026-11-28T13:00:00.019686Z','desktop',NULL,'no','2026-11-28T13:30:00.000000Z',NULL,NULL,'sent',NULL,NULL,2,'2026-11-28T15:00:00.019733Z');
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
INSERT INTO "revision" VALUES(1,2,1,'Pricing','Hi Priya, our platform cuts hiring costs by 30%. Pricing starts at $400/month. Book a demo this week?','2026-11-28T15:00:00.020844Z','dana','typo');
CREATE TABLE seat (
	name VARCHAR NOT NULL, 
	"plan" VARCHAR NOT NULL, 
	monthly_credits INTEGER, 
	time_zone VARCHAR NOT NULL, 
	created_at VARCHAR(27) NOT NULL, 
	PRIMARY KEY (name)
);
INSERT INTO "seat" VALUES('dana','recruiter',NULL,'UTC','2026-11-28T15:00:00.023101Z');
CREATE INDEX ix_audit_entry_message_id ON audit_entry (message_id);
CREATE INDEX ix_message_status_sent ON message (status, sent_at);
CREATE INDEX ix_message_batch ON message (batch);
CREATE INDEX ix_message_sent_at ON message (sent_at);
CREATE INDEX ix_revision_message_id ON revision (message_id);
COMMIT;
