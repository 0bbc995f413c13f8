package dev.cloudtelemetry.metadata.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerIdReaderTests {

	private static final String ID = "3f4e5d6c7b8a99887766554433221100ffeeddccbbaa00112233445566778899";

	@TempDir
	Path directory;

	private String read(String cgroup, String mountinfo) throws IOException {
		Path cgroupFile = Files.writeString(this.directory.resolve("cgroup"), cgroup);
		Path mountinfoFile = Files.writeString(this.directory.resolve("mountinfo"), mountinfo);
		return new ContainerIdReader(cgroupFile, mountinfoFile).read();
	}

	@Test
	void dockerUnderCgroupV1() throws IOException {
		assertThat(read("12:memory:/docker/" + ID + "\n11:cpu:/docker/" + ID + "\n", "")).isEqualTo(ID);
	}

	@Test
	void kubernetesUnderCgroupV1() throws IOException {
		assertThat(read("4:pids:/kubepods/burstable/pod1f2e3d4c-aaaa-bbbb-cccc-111122223333/" + ID + "\n", ""))
			.isEqualTo(ID);
		assertThat(read("1:name=systemd:/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1f2e.slice/"
				+ "cri-containerd-" + ID + ".scope\n", ""))
			.isEqualTo(ID);
	}

	@Test
	void dockerUnderCgroupV2FromMountinfo() throws IOException {
		String mountinfo = "734 725 0:52 / / rw,relatime master:318 - overlay overlay rw\n"
				+ "790 734 259:1 /var/lib/docker/containers/" + ID
				+ "/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/nvme0n1p1 rw\n";
		assertThat(read("0::/\n", mountinfo)).isEqualTo(ID);
	}

	@Test
	void criOUnderCgroupV2FromMountinfo() throws IOException {
		String mountinfo = "1200 1100 0:23 /containers/storage/overlay-containers/" + ID
				+ "/userdata/hostname /etc/hostname rw,nosuid,nodev - tmpfs tmpfs rw\n";
		assertThat(read("0::/\n", mountinfo)).isEqualTo(ID);
	}

	@Test
	void sandboxIdsAreNotTheContainer() throws IOException {
		String mountinfo = "1200 1100 0:23 /var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/" + ID
				+ "/hostname /etc/hostname rw - ext4 /dev/sda1 rw\n";
		assertThat(read("0::/\n", mountinfo)).isNull();
	}

	@Test
	void everyIdShownIsACandidateCgroupFirst() throws IOException {
		String sandbox = "5ad0b0c0".repeat(8);
		String mountinfo = "1200 1100 0:23 /containers/storage/overlay-containers/" + sandbox
				+ "/userdata/hostname /etc/hostname rw - tmpfs tmpfs rw\n"
				+ "1201 1100 0:23 /containers/storage/overlay-containers/" + sandbox
				+ "/userdata/resolv.conf /etc/resolv.conf rw - tmpfs tmpfs rw\n"
				+ "1202 1100 0:23 /containers/storage/overlay-containers/" + ID
				+ "/userdata/.containerenv /run/.containerenv rw - tmpfs tmpfs rw\n";
		Path cgroupFile = Files.writeString(this.directory.resolve("cgroup"), "0::/\n");
		Path mountinfoFile = Files.writeString(this.directory.resolve("mountinfo"), mountinfo);
		ContainerIdReader reader = new ContainerIdReader(cgroupFile, mountinfoFile);
		assertThat(reader.candidates()).containsExactly(sandbox, ID);
		assertThat(reader.read()).isEqualTo(sandbox);
	}

	@Test
	void laptopHasNoContainerId() throws IOException {
		assertThat(read("0::/user.slice/user-1000.slice/session-2.scope\n",
				"22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"))
			.isNull();
		assertThat(new ContainerIdReader(this.directory.resolve("absent"), this.directory.resolve("absent")).read())
			.isNull();
	}

}
